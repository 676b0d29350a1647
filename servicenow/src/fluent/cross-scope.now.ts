// What the app reaches outside its scope, declared (sys_scope_privilege) so that the
// platform's runtime access tracking allows it on install instead of logging or
// refusing it:
// - incident: read (the Assign Courses button, the Ajax bridge, the business rule) and
//   write (the job adds work notes);
// - sys_user: read (an incident's Caller and the acting agent);
// - the CSM tables: on Customer Service Management instances an incident's Caller can be
//   a customer contact (customer_contact, which extends sys_user) or a consumer
//   (csm_consumer), and agents open the incident from a case (sn_customerservice_case):
//   read only. Tables without a scope prefix are global-scope tables (customer_contact,
//   csm_consumer); sn_customerservice_case belongs to the sn_customerservice scope.
import '@servicenow/sdk/global'
import { CrossScopePrivilege } from '@servicenow/sdk/core'

CrossScopePrivilege({
    $id: Now.ID['xscope-incident-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'incident',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-incident-write'],
    status: 'allowed',
    operation: 'write',
    targetName: 'incident',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-sys-user-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'sys_user',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-customer-contact-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'customer_contact',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-csm-consumer-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'csm_consumer',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-case-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'sn_customerservice_case',
    targetScope: 'sn_customerservice',
    targetType: 'sys_db_object',
})

// The API key lives in the app's Connection & Credential alias: saving the
// Configurations page writes its API key credential and HTTP connection (global tables).
CrossScopePrivilege({
    $id: Now.ID['xscope-credential-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'api_key_credentials',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-credential-create'],
    status: 'allowed',
    operation: 'create',
    targetName: 'api_key_credentials',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-credential-write'],
    status: 'allowed',
    operation: 'write',
    targetName: 'api_key_credentials',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-connection-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'http_connection',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-connection-create'],
    status: 'allowed',
    operation: 'create',
    targetName: 'http_connection',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-connection-write'],
    status: 'allowed',
    operation: 'write',
    targetName: 'http_connection',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

// Work notes on a case (the training feed), as on an incident.
CrossScopePrivilege({
    $id: Now.ID['xscope-case-write'],
    status: 'allowed',
    operation: 'write',
    targetName: 'sn_customerservice_case',
    targetScope: 'sn_customerservice',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-sys-ui-related-list-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'sys_ui_related_list',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-sys-ui-related-list-create'],
    status: 'allowed',
    operation: 'create',
    targetName: 'sys_ui_related_list',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-sys-ui-related-list-entry-read'],
    status: 'allowed',
    operation: 'read',
    targetName: 'sys_ui_related_list_entry',
    targetScope: 'global',
    targetType: 'sys_db_object',
})

CrossScopePrivilege({
    $id: Now.ID['xscope-sys-ui-related-list-entry-create'],
    status: 'allowed',
    operation: 'create',
    targetName: 'sys_ui_related_list_entry',
    targetScope: 'global',
    targetType: 'sys_db_object',
})
