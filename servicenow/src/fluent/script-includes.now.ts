// The one HTTP client, and the browser's door to "Assign Courses".
import '@servicenow/sdk/global'
import { Acl, Property, ScriptInclude } from '@servicenow/sdk/core'
import { litmosTrainingUser } from './app.now'
import pkg from '../../package.json'

/** Where the platform finds this app's server modules (the SDK's sys_module paths): from package.json, never written by hand. */
export const MODULES = `x_litmo_litmos_int/${pkg.name}/${pkg.version}`

Property({
    $id: Now.ID['property-module-path'],
    name: 'x_litmo_litmos_int.module_path',
    type: 'string',
    value: MODULES,
    description: 'Where the app\'s server modules are (set by the build from package.json; do not edit).',
    roles: { read: ['admin'], write: ['admin'] },
})

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
