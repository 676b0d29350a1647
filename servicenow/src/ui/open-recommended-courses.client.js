/**
 * Course list (in the window "Assign Courses" opened for a record), list banner
 * "Recommended" (runs in the browser): asks LitmosTrainingAjax for the record's
 * category ranking (GET /v1/servicenow/recommendations, kept 15 minutes per category)
 * and opens, in the same window, the list "Recommended for <category>": the courses
 * ranked by how much fewer repeat incidents go with completing them, with the
 * difference, its 95 % interval and the sample sizes. Why there is none (no category,
 * too few assignments yet, the backend down) shows above the list.
 */
function litmosOpenRecommendedCourses() {
    var UNREACHABLE = getMessage('Litmos Training is not reachable, try again')

    function escapeHtml(text) {
        return String(text === null || text === undefined ? '' : text)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;')
            .replace(/'/g, '&#39;')
    }

    function showError(text) {
        var ui = typeof GlideUI === 'undefined' ? null : GlideUI.get()
        if (ui === null) {
            alert(text)
            return
        }
        ui.clearOutputMessages()
        ui.addOutputMessage({ msg: escapeHtml(text), type: 'error' })
    }

    var url = new GlideURL()
    url.setFromCurrent()
    var record = url.getParam('sysparm_x_litmo_record') || ''
    if (!record) {
        showError(getMessage('Open Assign Courses from an Incident or a Case to see the courses recommended for it.'))
        return
    }
    var ajax = new GlideAjax('x_litmo_litmos_int.LitmosTrainingAjax')
    ajax.addParam('sysparm_name', 'openRecommendations')
    ajax.addParam('sysparm_record', record)
    ajax.addParam('sysparm_table', url.getParam('sysparm_x_litmo_table') || 'incident')
    ajax.addParam('sysparm_host', url.getParam('sysparm_x_litmo_host') || '')
    ajax.getXMLAnswer(function (answer) {
        var result = null
        try {
            result = answer ? JSON.parse(answer) : null
        } catch (dummy) {
            result = null
        }
        if (!result || typeof result !== 'object') {
            showError(UNREACHABLE)
            return
        }
        if (!result.ok) {
            showError(result.error ? String(result.error) : UNREACHABLE)
            return
        }
        window.location.href = result.url
    })
}
