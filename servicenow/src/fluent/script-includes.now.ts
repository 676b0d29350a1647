// The one HTTP client, and the browser's door to "Assign Courses".
import '@servicenow/sdk/global'
import { Acl, ScriptInclude } from '@servicenow/sdk/core'
import { litmosTrainingUser } from './app.now'

export const LitmosTrainingClient = ScriptInclude({
    $id: Now.ID['si-litmos-training-client'],
    name: 'LitmosTrainingClient',
    apiName: 'x_litmo_litmos_int.LitmosTrainingClient',
    description:
        'The only HTTP path to the Litmos Training backend: auth header, X-Agent, JSON, timeout, problem+json into readable messages.',
    accessibleFrom: 'package_private',
    active: true,
    script: Now.include('../script-includes/LitmosTrainingClient.server.js'),
})

export const LitmosTrainingAjax = ScriptInclude({
    $id: Now.ID['si-litmos-training-ajax'],
    name: 'LitmosTrainingAjax',
    apiName: 'x_litmo_litmos_int.LitmosTrainingAjax',
    description: 'GlideAjax bridge for the course list\'s "Assign Courses" action (no HTTP of its own).',
    accessibleFrom: 'package_private',
    clientCallable: true,
    active: true,
    script: Now.include('../script-includes/LitmosTrainingAjax.server.js'),
})

/** Only agents with the role (and admins) may call the Ajax processor. */
Acl({
    $id: Now.ID['acl-ajax-execute'],
    type: 'client_callable_script_include',
    name: 'x_litmo_litmos_int.LitmosTrainingAjax',
    operation: 'execute',
    roles: [litmosTrainingUser],
    description: 'Assign Courses from the course list',
})
