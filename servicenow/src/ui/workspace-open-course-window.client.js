/* global g_modal */ // the workspace's modal API, given to workspace client scripts
/**
 * "Assign Courses" in Service Operations Workspace (incident) and CSM Configurable
 * Workspace (case): the workspace client script of the same UI action. Asks
 * LitmosTrainingAjax to make the learner, the catalog and the agent's access ready,
 * then opens the course list with g_modal.showFrame, marked as a workspace frame
 * (sysparm_x_litmo_host=workspace). The list's "Assign Courses" closes the frame the
 * way the workspace offers to a page it shows (iframeMsgHelper.confirm), which hands
 * the result to showFrame's callback; the backend's messages then show on the record,
 * word for word, HTML-escaped. Where the list page has no iframeMsgHelper it posts the
 * result instead (postMessage, same origin only): the messages still show, and the
 * agent closes the frame.
 */
// eslint-disable-next-line no-unused-vars -- the workspace calls onClick(g_form)
function onClick(g_form) {
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

    var ajax = new GlideAjax('x_litmo_litmos_int.LitmosTrainingAjax')
    ajax.addParam('sysparm_name', 'openCourseWindow')
    ajax.addParam('sysparm_record', g_form.getUniqueValue())
    ajax.addParam('sysparm_table', g_form.getTableName())
    ajax.getXMLAnswer(function (answer) {
        var opened = parse(answer)
        if (!opened || !opened.ok) {
            g_form.addErrorMessage(escapeHtml(opened && opened.error ? String(opened.error) : UNREACHABLE))
            return
        }
        var shown = false
        function showResult(result) {
            if (shown) return
            shown = true
            window.removeEventListener('message', onMessage)
            if (!result || !result.ok) {
                g_form.addErrorMessage(escapeHtml(result && result.error ? String(result.error) : UNREACHABLE))
                return
            }
            var messages = result.messages || []
            for (var i = 0; i < messages.length; i++) g_form.addInfoMessage(escapeHtml(messages[i]))
        }
        var origin = document.location.origin
        function onMessage(event) {
            if (event.origin !== origin || !event.data || event.data.type !== MESSAGE_TYPE) return
            showResult(event.data.result)
        }
        window.addEventListener('message', onMessage)
        g_modal.showFrame({
            title: getMessage('Assign Courses'),
            url: opened.url + '&sysparm_x_litmo_host=workspace',
            size: 'xl',
            height: '70vh',
            // Called when the frame closes: confirmed by the list after assigning
            // (with its result), or closed by the agent (nothing to show).
            callback: function (confirmed, data) {
                if (confirmed && data && data.type === MESSAGE_TYPE) showResult(data.result)
                else window.removeEventListener('message', onMessage)
            },
        })
    })
}
