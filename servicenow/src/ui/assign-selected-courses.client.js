/**
 * Course list, "Actions on selected rows" > "Assign Courses" (runs in the browser).
 * Sends the checked course ids to LitmosTrainingAjax, which posts one assignment
 * request with an Idempotency-Key made from this page view and the selection, so a
 * double click (or clicking again after "not reachable") assigns once. Shows the
 * backend's messages word for word, HTML-escaped; the permission refusal pops up (as
 * the help article says); any other failure, an empty answer included, shows as an
 * error message. In the window "Assign Courses" opened from a form (an iframe of the
 * same origin), the result goes to that form instead (postMessage), which closes the
 * window and shows it. In a workspace's frame (g_modal.showFrame, the list opened with
 * sysparm_x_litmo_host=workspace) the list closes the frame with the workspace's
 * iframeMsgHelper.confirm(result), which hands the result to the opener's showFrame
 * callback. State lives on the function itself: no window globals.
 */
function litmosAssignSelectedCourses() {
    var self = litmosAssignSelectedCourses
    var UNREACHABLE = getMessage('Litmos Training is not reachable, try again')

    function escapeHtml(text) {
        return String(text === null || text === undefined ? '' : text)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;')
            .replace(/'/g, '&#39;')
    }

    function show(type, lines) {
        var ui = typeof GlideUI === 'undefined' ? null : GlideUI.get()
        if (ui === null) {
            alert(lines.join('\n'))
            return
        }
        ui.clearOutputMessages()
        for (var i = 0; i < lines.length; i++) ui.addOutputMessage({ msg: escapeHtml(lines[i]), type: type })
    }

    function popUp(text) {
        if (typeof GlideModal === 'undefined') {
            alert(text)
            return
        }
        var modal = new GlideModal('x_litmo_litmos_int_assign_refused', false, 480)
        modal.setTitle(getMessage('Assign Courses'))
        modal.renderWithContent('<p>' + escapeHtml(text) + '</p>')
    }

    var checked = g_list.getChecked()
    if (!checked) {
        show('error', [getMessage('Select one or more courses first.')])
        return
    }
    if (self.busy) return
    self.busy = true
    if (!self.pageKey) self.pageKey = new Date().getTime().toString(36) + Math.random().toString(36).slice(2, 10)
    // The record the list was opened for travels in the list's URL (see courseListUrl).
    var url = new GlideURL()
    url.setFromCurrent()
    var ajax = new GlideAjax('x_litmo_litmos_int.LitmosTrainingAjax')
    ajax.addParam('sysparm_name', 'assignCourses')
    ajax.addParam('sysparm_record', url.getParam('sysparm_x_litmo_record') || '')
    ajax.addParam('sysparm_table', url.getParam('sysparm_x_litmo_table') || 'incident')
    ajax.addParam('sysparm_courses', checked)
    ajax.addParam('sysparm_request_key', self.pageKey)
    // The course list, or the Recommended list (its rows name their course).
    ajax.addParam('sysparm_list_table', typeof g_list.getTableName === 'function' ? g_list.getTableName() : '')
    ajax.getXMLAnswer(function (answer) {
        self.busy = false
        var result = null
        try {
            result = answer ? JSON.parse(answer) : null
        } catch (dummy) {
            result = null
        }
        if (window.parent && window.parent !== window) {
            var payload = { type: 'x_litmo_litmos_int.assigned', result: result && typeof result === 'object' ? result : null }
            // iframeMsgHelper: what a workspace gives the page it shows with g_modal.showFrame.
            var helper = window.iframeMsgHelper
            if (url.getParam('sysparm_x_litmo_host') === 'workspace' && helper && typeof helper.confirm === 'function') {
                helper.confirm(payload)
                return
            }
            window.parent.postMessage(payload, document.location.origin)
            return
        }
        if (!result || typeof result !== 'object') {
            show('error', [UNREACHABLE])
            return
        }
        if (!result.ok) {
            var error = result.error ? String(result.error) : UNREACHABLE
            if (result.status === 403) popUp(error)
            else show('error', [error])
            return
        }
        var messages = result.messages && result.messages.length ? result.messages : []
        show('info', messages)
    })
}
