/**
 * Recommended list (in the window "Assign Courses" opened for a record), list banner
 * "All courses" (runs in the browser): back to the list of every course the agent may
 * assign, for the same record, in the same window.
 */
function litmosOpenAllCourses() {
    var url = new GlideURL()
    url.setFromCurrent()
    var host = url.getParam('sysparm_x_litmo_host') === 'workspace' ? '&sysparm_x_litmo_host=workspace' : ''
    window.location.href =
        'x_litmo_litmos_int_course_list.do?sysparm_x_litmo_record=' + encodeURIComponent(url.getParam('sysparm_x_litmo_record') || '') +
        '&sysparm_x_litmo_table=' + encodeURIComponent(url.getParam('sysparm_x_litmo_table') || 'incident') +
        '&sysparm_stack=no' + host
}
