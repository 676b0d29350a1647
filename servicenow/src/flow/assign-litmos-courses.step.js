/**
 * The script step of the Flow Designer action "Assign Litmos courses": the same server
 * code as the course window's Assign Courses (src/server/flow-assign.js ->
 * src/server/assign.js assignToRecord), as the configured automation agent.
 */
;(function execute(inputs, outputs) {
    var record = inputs.record
    var result = require(gs.getProperty('x_litmo_litmos_int.module_path') + '/src/server/flow-assign.js').assignFromFlow({
        table: record ? String(record.getValue('sys_class_name') || record.getTableName()) : '',
        sysId: record ? String(record.getUniqueValue()) : '',
        courses: String(inputs.courses || ''),
        sendMessage: String(inputs.send_message) === 'true',
    })
    outputs.assigned = result.assigned
    outputs.already_assigned = result.already_assigned
    outputs.messages = result.messages
    outputs.error = result.error
})(inputs, outputs)
