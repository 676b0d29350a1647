/**
 * LitmosTrainingAjax: the browser's door to "Assign Courses": opening the course window
 * from an incident or case form (openCourseWindow) and assigning from the list.
 * A thin bridge (GlideAjax) to the assign module; it makes no HTTP call itself: the
 * module uses LitmosTrainingClient. Client-callable, behind its own ACL
 * (client_callable_script_include x_litmo_litmos_int.LitmosTrainingAjax, role
 * x_litmo_litmos_int.litmos_training_user); the records a request names are read with
 * GlideRecordSecure, as the agent. Answers JSON, always: { ok: true, messages } or
 * { ok: false, error, status }, plain text that the browser escapes.
 */
var LitmosTrainingAjax = Class.create()
LitmosTrainingAjax.prototype = Object.extendsObject(global.AbstractAjaxProcessor, {
    /** @this {{ getParameter(name: string): string | null }} */
    assignCourses: function () {
        /** @type {any} */
        var result = { ok: false, status: 403, error: gs.getMessage('You need the Litmos Training User role to assign courses.') }
        if (gs.hasRole('x_litmo_litmos_int.litmos_training_user')) {
            try {
                result = require(LitmosTrainingAjax.module('src/server/assign.js')).assignSelected({
                    recordSysId: String(this.getParameter('sysparm_record') || ''),
                    table: String(this.getParameter('sysparm_table') || 'incident'),
                    checked: String(this.getParameter('sysparm_courses') || ''),
                    requestKey: String(this.getParameter('sysparm_request_key') || ''),
                    listTable: String(this.getParameter('sysparm_list_table') || ''),
                })
            } catch (e) {
                gs.error('Litmos Training: Assign Courses failed: ' + (e && e.message ? e.message : e))
                result = { ok: false, status: 0, error: gs.getMessage('Litmos Training is not reachable, try again') }
            }
        }
        return JSON.stringify(result)
    },

    /**
     * "Assign Courses" on an incident or case form: the learner, the catalog and the
     * agent's access made ready, then the course list's URL for the window.
     * @this {{ getParameter(name: string): string | null }}
     */
    openCourseWindow: function () {
        /** @type {any} */
        var result = { ok: false, status: 403, error: gs.getMessage('You need the Litmos Training User role to assign courses.') }
        if (gs.hasRole('x_litmo_litmos_int.litmos_training_user')) {
            try {
                result = require(LitmosTrainingAjax.module('src/server/course-list.js')).openCourseWindow(
                    String(this.getParameter('sysparm_table') || 'incident'),
                    String(this.getParameter('sysparm_record') || ''),
                )
            } catch (e) {
                gs.error('Litmos Training: Assign Courses could not open: ' + (e && e.message ? e.message : e))
                result = { ok: false, status: 0, error: gs.getMessage('Litmos Training is not reachable, try again') }
            }
        }
        return JSON.stringify(result)
    },

    /**
     * "Recommended" on the course list: the record's category ranking made ready, then
     * the Recommended list's URL (or why there is none).
     * @this {{ getParameter(name: string): string | null }}
     */
    openRecommendations: function () {
        /** @type {any} */
        var result = { ok: false, status: 403, error: gs.getMessage('You need the Litmos Training User role to assign courses.') }
        if (gs.hasRole('x_litmo_litmos_int.litmos_training_user')) {
            try {
                result = require(LitmosTrainingAjax.module('src/server/recommendations.js')).openRecommendations(
                    String(this.getParameter('sysparm_table') || 'incident'),
                    String(this.getParameter('sysparm_record') || ''),
                    String(this.getParameter('sysparm_host') || ''),
                )
            } catch (e) {
                gs.error('Litmos Training: the recommendations could not open: ' + (e && e.message ? e.message : e))
                result = { ok: false, status: 0, error: gs.getMessage('Litmos Training is not reachable, try again') }
            }
        }
        return JSON.stringify(result)
    },

    type: 'LitmosTrainingAjax',
})

/**
 * An app module's require() path: x_litmo_litmos_int/<package>/<version>/<file>, the
 * package and version written by the build into x_litmo_litmos_int.module_path.
 * @param {string} file
 */
LitmosTrainingAjax.module = function (file) {
    return gs.getProperty('x_litmo_litmos_int.module_path', '') + '/' + file
}
