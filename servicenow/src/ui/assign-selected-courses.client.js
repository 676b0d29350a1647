/**
 * Course list, "Actions on selected rows" > "Assign Courses" (runs in the browser).
 * Sends the checked course ids to LitmosTrainingAjax, which posts one assignment
 * request with an Idempotency-Key made from this page view and the selection, so a
 * double click (or clicking again after "not reachable") assigns once. Shows the
 * backend's messages word for word; errors (such as the permission text) pop up.
 */
function litmosAssignSelectedCourses() {
    var checked = g_list.getChecked()
    if (!checked) {
        alert(getMessage('Select one or more courses first.'))
        return
    }
    if (window.litmosAssignBusy) return
    window.litmosAssignBusy = true
    if (!window.litmosAssignPageKey) {
        window.litmosAssignPageKey = new Date().getTime().toString(36) + Math.random().toString(36).slice(2, 10)
    }
    var query = (g_list.getQuery && g_list.getQuery()) || decodeURIComponent(window.location.href)
    var match = /incident=([0-9a-f]{32})/.exec(query)
    var ajax = new GlideAjax('x_litmo_litmos_int.LitmosTrainingAjax')
    ajax.addParam('sysparm_name', 'assignCourses')
    ajax.addParam('sysparm_incident', match ? match[1] : '')
    ajax.addParam('sysparm_courses', checked)
    ajax.addParam('sysparm_request_key', window.litmosAssignPageKey)
    ajax.getXMLAnswer(function (answer) {
        window.litmosAssignBusy = false
        var result
        try {
            result = JSON.parse(answer)
        } catch (e) {
            result = { ok: false, error: 'Litmos Training is not reachable, try again' }
        }
        if (!result.ok) {
            alert(result.error)
            return
        }
        var ui = typeof GlideUI !== 'undefined' ? GlideUI.get() : null
        if (ui) ui.clearOutputMessages()
        for (var i = 0; i < result.messages.length; i++) {
            if (ui) ui.addOutputMessage({ msg: result.messages[i], type: 'info' })
            else alert(result.messages[i])
        }
    })
}
