// v_table and v_query as a remote table's query script sees them, built from the
// list's encoded query (what the platform passes when a list of the table renders).
export function remoteQuery(encodedQuery) {
    const terms = String(encodedQuery || '').split('^').filter(Boolean)
    const equal = (field) => {
        const t = terms.find((x) => x.startsWith(`${field}=`))
        return t ? t.slice(field.length + 1) : ''
    }
    const text = terms.find((t) => /^(GOTO)?123TEXTQUERY321=/.test(t))
    const errors = []
    const rows = []
    const v_query = {
        getEncodedQuery: () => encodedQuery,
        getParameter: (f) => equal(f),
        getCondition: (f) => terms.filter((t) => t.startsWith(f)).join('^'),
        isGet: () => !!equal('sys_id'),
        getSysId: () => equal('sys_id'),
        isTextSearch: () => !!text,
        getTextSearch: () => (text ? text.split('=').slice(1).join('=') : ''),
        setLastErrorMessage: (m) => errors.push(m),
    }
    const v_table = { addRow: (row) => (rows.push(row), true) }
    return { v_table, v_query, rows, errors }
}
