// The app as an administrator leaves it after saving the Configurations page: the
// active configuration record (activated for this instance) and the key in the
// Connection & Credential alias's API key credential (encrypted, as the platform keeps it).
import { rows, seed } from './glide.mjs'

/** alias-litmos in src/fluent/generated/keys.ts; LitmosTrainingClient.ALIAS_ID. */
export const ALIAS_ID = '79530febdc2a4d888a59695602a3ea06'

/** @param {Record<string, any>} values configuration fields; `api_key` goes into the alias */
export function configure({ api_key = 'lsn_good', ...values } = {}) {
    const id = seed('x_litmo_litmos_int_configuration', {
        active: true,
        status: 'active',
        instance_url: 'https://pieshop.service-now.com',
        ...values,
    })
    setKey(api_key, values.backend_url || '')
    return id
}

/** Puts a key into the alias (as saving the Configurations page does). */
export function setKey(key, url = '') {
    const credentials = rows('api_key_credentials')
    credentials.splice(0)
    rows('http_connection').splice(0)
    const credential = seed('api_key_credentials', { name: 'Litmos Training API key', api_key: key, active: true })
    seed('http_connection', { name: 'Litmos Training', connection_alias: ALIAS_ID, credential, connection_url: url, active: true })
}
