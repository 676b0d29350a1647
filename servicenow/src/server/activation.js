// The Configurations page: saving the backend URL and the API key activates the
// integration (POST /v1/servicenow/activate) and shows the endpoints read-only. A key
// the backend refuses aborts the save, so nothing is stored and nothing is activated.
import { gs, GlideRecord, GlideDateTime } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { CONFIG_TABLE, escapeHtml, instanceUrl, messageHtml, messageText } from './context.js'

/**
 * @param {any} body the activation answer: { tenant: { id, name }, activated_at, endpoints: { name: url } }
 * @returns {string} one "name: url" line per endpoint, in the backend's order
 */
export function endpointLines(body) {
    const endpoints = (body && body.endpoints) || {}
    return Object.keys(endpoints)
        .map((name) => `${name}: ${endpoints[name]}`)
        .join('\n')
}

/**
 * @param {string} url
 * @returns {string} '' when acceptable, else why not
 */
export function backendUrlProblem(url) {
    if (!url) return messageText('Enter the Litmos Training URL.')
    if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(url)) {
        return messageText('The Litmos Training URL must look like https://<host>/ (no query or fragment).')
    }
    return LitmosTrainingClient.urlProblem(url)
}

/**
 * Before-insert/update business rule on the Configurations table.
 * @param {any} current
 * @param {any} previous
 */
export function onConfigurationSave(current, previous) {
    const isInsert = current.operation() === 'insert' || !previous
    const url = String(current.getValue('backend_url') || '').trim().replace(/\/+$/, '')
    const keyElement = current.getElement('api_key')
    const changed = isInsert || current.getElement('backend_url').changes() || keyElement.changes()
    if (!changed) return
    if (isInsert && anotherConfigurationExists(current.getUniqueValue())) {
        gs.addErrorMessage(messageHtml('Litmos Training already has a configuration: open Litmos Training > Configurations and edit it.'))
        current.setAbortAction(true)
        return
    }
    const problem = backendUrlProblem(url)
    const key = keyElement.getDecryptedValue()
    if (problem || !key) {
        gs.addErrorMessage(escapeHtml(problem || messageText('Enter the ServiceNow API key shown in Litmos (Accounts > Integrations > ServiceNow).')))
        current.setAbortAction(true)
        return
    }
    const answer = new LitmosTrainingClient({ baseUrl: url, apiKey: key }).activate(instanceUrl())
    if (!answer.ok) {
        gs.addErrorMessage(messageHtml('Litmos Training was not activated: {0}', [answer.message]))
        current.setAbortAction(true)
        return
    }
    const body = answer.data || {}
    const tenant = body.tenant || {}
    const previousTenant = current.getValue('tenant_id')
    current.setValue('backend_url', url)
    current.setValue('active', true)
    current.setValue('status', 'active')
    current.setValue('tenant_id', tenant.id || '')
    current.setValue('tenant_name', tenant.name || '')
    current.setValue('activated_at', new GlideDateTime().getValue())
    current.setValue('endpoints', endpointLines(body))
    current.setValue('instance_url', instanceUrl())
    // The key goes into the Connection & Credential alias, not into this record.
    storeKey(url, key)
    current.setValue('api_key', '')
    if (previousTenant !== (tenant.id || '')) {
        // A feed cursor names its tenant: start the work-note feed afresh for a new one.
        current.setValue('updates_cursor', '')
    }
    gs.addInfoMessage(messageHtml('Litmos Training is activated for {0}.', [tenant.name || 'your Litmos account']))
}

/** @param {string} exceptSysId */
function anotherConfigurationExists(exceptSysId) {
    const gr = new GlideRecord(CONFIG_TABLE)
    gr.addQuery('sys_id', '!=', exceptSysId)
    gr.setLimit(1)
    gr.query()
    return gr.hasNext()
}

export const CREDENTIAL_NAME = 'Litmos Training API key'

/**
 * Writes the key into the alias's API key credential and points the alias's HTTP
 * connection at the backend (both created on the first activation).
 * @param {string} url
 * @param {string} key
 */
export function storeKey(url, key) {
    const credential = new GlideRecord('api_key_credentials')
    credential.addQuery('name', CREDENTIAL_NAME)
    credential.setLimit(1)
    credential.query()
    const hasCredential = credential.next()
    if (!hasCredential) credential.initialize()
    credential.setValue('name', CREDENTIAL_NAME)
    credential.setValue('api_key', key)
    credential.setValue('active', true)
    const credentialId = hasCredential ? credential.update() : credential.insert()

    const connection = new GlideRecord('http_connection')
    connection.addQuery('connection_alias', LitmosTrainingClient.ALIAS_ID)
    connection.setLimit(1)
    connection.query()
    const hasConnection = connection.next()
    if (!hasConnection) connection.initialize()
    connection.setValue('name', 'Litmos Training')
    connection.setValue('connection_alias', LitmosTrainingClient.ALIAS_ID)
    connection.setValue('credential', credentialId)
    connection.setValue('connection_url', url)
    connection.setValue('active', true)
    if (hasConnection) connection.update()
    else connection.insert()
}

/**
 * Display business rule of the Configurations page: says why the app is not calling
 * Litmos Training, when it is not.
 * @param {any} current
 */
export function onConfigurationDisplay(current) {
    const activatedFor = String(current.getValue('instance_url') || '')
    if (current.getValue('status') === 'active' && activatedFor && activatedFor !== instanceUrl()) {
        gs.addErrorMessage(
            messageHtml(
                'This instance ({0}) is not the one Litmos Training was activated on ({1}): it looks like a clone. The app has stopped calling Litmos Training. To use it here, paste an API key of a Litmos account for this instance and save.',
                [instanceUrl(), activatedFor],
            ),
        )
        return
    }
    if (current.getValue('status') !== 'active') {
        gs.addInfoMessage(messageHtml('Litmos Training is not activated: enter the Litmos Training URL and the API key, then save.'))
    }
}
