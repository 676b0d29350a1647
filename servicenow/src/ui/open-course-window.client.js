/**
 * "Assign Courses" on the Incident and Case forms (runs in the browser). Asks
 * LitmosTrainingAjax to make the learner, the catalog and the agent's access ready,
 * then opens the course list in a window (GlideModal holding the real list page, so
 * every list feature stays); the form stays as it is, unsaved edits included. The
 * list's "Assign Courses" posts its result back here (postMessage, same origin only):
 * the window closes and the backend's messages show on the form, word for word,
 * HTML-escaped. State lives on the function itself: no window globals.
 */
function litmosOpenCourseWindow() {
    var self = litmosOpenCourseWindow
    var UNREACHABLE = getMessage('Litmos Training is not reachable, try again')
    var MESSAGE_TYPE = 'x_litmo_litmos_int.assigned'

    function escapeHtml(text) {
        return String(text === null || text === undefined ? '' : text)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;')
            .replace(/'/g, '&#39;')
    }

    function parse(answer) {
        try {
            var value = answer ? JSON.parse(answer) : null
            return value && typeof value === 'object' ? value : null
        } catch (dummy) {
            return null
        }
    }

    function showResult(result) {
        g_form.clearMessages()
        if (!result || typeof result !== 'object') {
            g_form.addErrorMessage(escapeHtml(UNREACHABLE))
            return
        }
        if (!result.ok) {
            g_form.addErrorMessage(escapeHtml(result.error ? String(result.error) : UNREACHABLE))
            return
        }
        var messages = result.messages || []
        for (var i = 0; i < messages.length; i++) g_form.addInfoMessage(escapeHtml(messages[i]))
    }

    if (self.busy) return
    self.busy = true
    var ajax = new GlideAjax('x_litmo_litmos_int.LitmosTrainingAjax')
    ajax.addParam('sysparm_name', 'openCourseWindow')
    ajax.addParam('sysparm_record', g_form.getUniqueValue())
    ajax.addParam('sysparm_table', g_form.getTableName())
    ajax.getXMLAnswer(function (answer) {
        self.busy = false
        var opened = parse(answer)
        if (!opened || !opened.ok) {
            g_form.clearMessages()
            g_form.addErrorMessage(escapeHtml(opened && opened.error ? String(opened.error) : UNREACHABLE))
            return
        }
        var modal = new GlideModal('x_litmo_litmos_int_course_window', false, 900)
        modal.setTitle(getMessage('Assign Courses'))
        modal.renderWithContent(
            '<iframe class="x_litmo_litmos_int_course_frame" title="' + escapeHtml(getMessage('Assign Courses')) +
                '" src="' + escapeHtml(opened.url) + '" style="width:100%;height:70vh;border:0"></iframe>'
        )
        var origin = document.location.origin
        function onMessage(event) {
            if (event.origin !== origin || !event.data || event.data.type !== MESSAGE_TYPE) return
            window.removeEventListener('message', onMessage)
            modal.destroy()
            showResult(event.data.result)
        }
        window.addEventListener('message', onMessage)
    })
}
