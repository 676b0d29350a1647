/**
 * LitmosTrainingAjax: the browser's door to "Assign Courses" on the course list.
 * A thin bridge (GlideAjax) to the assign module; it makes no HTTP call itself: the
 * module uses LitmosTrainingClient. Answers JSON: { ok, messages } or { ok, error }.
 */
var LitmosTrainingAjax = Class.create()
LitmosTrainingAjax.prototype = Object.extendsObject(global.AbstractAjaxProcessor, {
    /** @this {{ getParameter(name: string): string | null }} */
    assignCourses: function () {
        var result
        if (!gs.hasRole('x_litmo_litmos_int.litmos_training_user')) {
            result = { ok: false, error: 'You need the Litmos Training User role to assign courses.' }
        } else {
            result = require('x_litmo_litmos_int/litmos-training-servicenow/1.0.0/src/server/assign.js').assignSelected({
                incidentSysId: String(this.getParameter('sysparm_incident') || ''),
                checked: String(this.getParameter('sysparm_courses') || ''),
                requestKey: String(this.getParameter('sysparm_request_key') || ''),
            })
        }
        return JSON.stringify(result)
    },

    type: 'LitmosTrainingAjax',
})
