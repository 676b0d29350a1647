import '@servicenow/sdk/global'

declare global {
    namespace Now {
        namespace Internal {
            interface Keys extends KeysRegistry {
                explicit: {
                    'acl-agent-create': {
                        table: 'sys_security_acl'
                        id: '15264d12922d4a6ba8273976e89f11d9'
                    }
                    'acl-agent-delete': {
                        table: 'sys_security_acl'
                        id: '9d1ce79a2e694149971a4555bb97781a'
                    }
                    'acl-agent-read': {
                        table: 'sys_security_acl'
                        id: '0cb27a0d973545cdae251e6adc891cbb'
                    }
                    'acl-agent-write': {
                        table: 'sys_security_acl'
                        id: 'ac066bca735b4deea6d3a0ade49a829b'
                    }
                    'acl-ajax-execute': {
                        table: 'sys_security_acl'
                        id: '2450f6343a9b40889abfb45e7b7f1900'
                    }
                    'acl-configuration-create': {
                        table: 'sys_security_acl'
                        id: 'c73d1830c34b4692b02fc2ed000ea705'
                    }
                    'acl-configuration-delete': {
                        table: 'sys_security_acl'
                        id: 'bed3b8db634a41dda3bab14251bffb07'
                    }
                    'acl-configuration-read': {
                        table: 'sys_security_acl'
                        id: '349c4af1c74a4d7c973339b9c05db047'
                    }
                    'acl-configuration-write': {
                        table: 'sys_security_acl'
                        id: 'c4a7282627134c93bf212706d4ccb891'
                    }
                    'acl-course-create': {
                        table: 'sys_security_acl'
                        id: '3d64e1201c0e46a4a89fb5e39bdf2fbc'
                    }
                    'acl-course-delete': {
                        table: 'sys_security_acl'
                        id: '17f6a3ea831c4cf4895b718884bfc7ca'
                    }
                    'acl-course-read': {
                        table: 'sys_security_acl'
                        id: '743aeb68d1dd4a35b73959590212e9c2'
                    }
                    'acl-course-write': {
                        table: 'sys_security_acl'
                        id: 'c15f97af68ce438482140a7f72531ab7'
                    }
                    'acl-noted-create': {
                        table: 'sys_security_acl'
                        id: '01361037dad34aceb12caf639a4ec5fd'
                    }
                    'acl-noted-delete': {
                        table: 'sys_security_acl'
                        id: '9bf77689e9b04a1d96ab2fa9c91f0268'
                    }
                    'acl-noted-read': {
                        table: 'sys_security_acl'
                        id: 'b3c512447c374473bff792d26a28c4d5'
                    }
                    'acl-noted-write': {
                        table: 'sys_security_acl'
                        id: '2e213362164b497fb34631759bcaec08'
                    }
                    'acl-outbox-create': {
                        table: 'sys_security_acl'
                        id: '8c8726293c8e4b05842ca83f16113a33'
                    }
                    'acl-outbox-delete': {
                        table: 'sys_security_acl'
                        id: 'a8df0e513c504d22bdb7248be1f5495b'
                    }
                    'acl-outbox-read': {
                        table: 'sys_security_acl'
                        id: '168cf139f25045e1b5b3f05e3ea1ffa2'
                    }
                    'acl-outbox-write': {
                        table: 'sys_security_acl'
                        id: '788395014be640e1b63cf0a19fa2ddd2'
                    }
                    'acl-recommendation-create': {
                        table: 'sys_security_acl'
                        id: 'af3f11d170fa4b1a89028188672723e0'
                    }
                    'acl-recommendation-delete': {
                        table: 'sys_security_acl'
                        id: '73fcb0e5c9c143df86f76a942537597e'
                    }
                    'acl-recommendation-read': {
                        table: 'sys_security_acl'
                        id: '2be9f7cfd1ba4034982a72772831ce4b'
                    }
                    'acl-recommendation-write': {
                        table: 'sys_security_acl'
                        id: 'dc99677eb24d4854b14472af6402d7fe'
                    }
                    'acl-training-create': {
                        table: 'sys_security_acl'
                        id: 'c3a93e3742114dba8974e0113c3e0d42'
                    }
                    'acl-training-delete': {
                        table: 'sys_security_acl'
                        id: '97266eac13a648e89787b5dc77077396'
                    }
                    'acl-training-read': {
                        table: 'sys_security_acl'
                        id: 'bf5c89667a3548c68ba2b0e2ede352d7'
                    }
                    'acl-training-write': {
                        table: 'sys_security_acl'
                        id: '067e13b9fede4f06931d9565b5afd064'
                    }
                    'action-assign-courses': {
                        table: 'sys_ui_action'
                        id: '509d11f515c640da9a48a99d79849f19'
                    }
                    'action-assign-courses-case': {
                        table: 'sys_ui_action'
                        id: 'de638690148d44a7a91a95ad6ec49051'
                    }
                    'action-assign-recommended': {
                        table: 'sys_ui_action'
                        id: 'd357eac253744e4b9714c0e2bbdc030f'
                    }
                    'action-assign-selected': {
                        table: 'sys_ui_action'
                        id: '6d6efbbcabfc4bf9bc961d36e7ffaacd'
                    }
                    'action-open-all-courses': {
                        table: 'sys_ui_action'
                        id: '4b3d0a96c72a4025b66576094239ccec'
                    }
                    'action-open-recommended': {
                        table: 'sys_ui_action'
                        id: '355bd3d972cf4591bf7e23a92b3f9c50'
                    }
                    'action-open-training': {
                        table: 'sys_ui_action'
                        id: '5c499b1fb3b7455ea982509d1279508c'
                    }
                    'action-open-training-case': {
                        table: 'sys_ui_action'
                        id: '95d9496920a7419bb536a81c0a9b100f'
                    }
                    'alias-litmos': {
                        table: 'sys_alias'
                        id: '79530febdc2a4d888a59695602a3ea06'
                    }
                    'atf-assign': {
                        table: 'sys_atf_test'
                        id: '9999285be97b4121906bd567138b291f'
                    }
                    'atf-assign-script': {
                        table: 'sys_atf_step'
                        id: 'de64784bd4004c02bf8293151777542b'
                    }
                    'atf-button-hidden': {
                        table: 'sys_atf_test'
                        id: 'd286193d4faf4c0ea372fa2c231fd562'
                    }
                    'atf-button-visible': {
                        table: 'sys_atf_test'
                        id: '956e5b889dc8413b94015d9e4803ef04'
                    }
                    'atf-course-list': {
                        table: 'sys_atf_test'
                        id: 'e389cffd8afc4f67bc3e71db1ec4c7ce'
                    }
                    'atf-course-list-script': {
                        table: 'sys_atf_step'
                        id: '1ba52b91c0354bc38a31cc268d4f8b25'
                    }
                    'atf-hidden-agent': {
                        table: 'sys_atf_step'
                        id: '4f92ba918f5b4130a2449dc90ede5cc4'
                    }
                    'atf-hidden-caller': {
                        table: 'sys_atf_step'
                        id: '84b79b1c16d4493487fcbbb47ff20043'
                    }
                    'atf-hidden-check': {
                        table: 'sys_atf_step'
                        id: '14be046ba8834776a632653c673a157c'
                    }
                    'atf-hidden-incident': {
                        table: 'sys_atf_step'
                        id: 'aa0ddfaef3724a48ac4b349e7db840e6'
                    }
                    'atf-hidden-open': {
                        table: 'sys_atf_step'
                        id: 'b62ea208205d4a3384423f155be7f2c7'
                    }
                    'atf-visible-agent': {
                        table: 'sys_atf_step'
                        id: '26376f7b90ad45e697ef1f54d937c2d1'
                    }
                    'atf-visible-caller': {
                        table: 'sys_atf_step'
                        id: '0b8df87d583d4f2499dc2735241c7be2'
                    }
                    'atf-visible-check': {
                        table: 'sys_atf_step'
                        id: '594dbb8a885644eea122f98e505c6c4c'
                    }
                    'atf-visible-incident': {
                        table: 'sys_atf_step'
                        id: 'a7c3c7fd58f644b891866c92b32a8800'
                    }
                    'atf-visible-open': {
                        table: 'sys_atf_step'
                        id: 'e9f890b99a874a488dc6d25272fa88de'
                    }
                    'auto-flush-noted': {
                        table: 'sys_auto_flush'
                        id: 'c0dda0a9f5a348efa48b633852144f42'
                    }
                    'auto-flush-recommendations': {
                        table: 'sys_auto_flush'
                        id: 'fc08810acdb44dd199beeb7fd009eddd'
                    }
                    bom_json: {
                        table: 'sys_module'
                        id: '6e591b9e3cc843e881fac8e2a346cb25'
                    }
                    'br-activate': {
                        table: 'sys_script'
                        id: 'f676556d011247829f2d7ad5caa1ab7e'
                    }
                    'br-case-to-litmos': {
                        table: 'sys_script'
                        id: 'c6142df1b775421d8157e1c4eb68f102'
                    }
                    'br-configuration-display': {
                        table: 'sys_script'
                        id: '4c2308df42f54337a69e84430ee76823'
                    }
                    'br-course-query': {
                        table: 'sys_script'
                        id: '25ae6a94070b462b8b8276e22fe3cbce'
                    }
                    'br-incident-to-litmos': {
                        table: 'sys_script'
                        id: '084740c78fef426ebc72bf4e43361030'
                    }
                    'br-recommendation-query': {
                        table: 'sys_script'
                        id: 'b02bf135f5e54865bad974aa38ae1f32'
                    }
                    'configuration-default': {
                        table: 'x_litmo_litmos_int_configuration'
                        id: '7f4c531b760a471283746d5a95a988ac'
                    }
                    'event-start-links': {
                        table: 'sysevent_register'
                        id: '8bb1f980dd944a5eaa5ab7e48976702d'
                    }
                    'fix-training-related-lists': {
                        table: 'sys_script_fix'
                        id: 'cd3e3b115616427ebf9ae4ffdc95c7f6'
                    }
                    'flow-action-assign-litmos-courses': {
                        table: 'sys_hub_action_type_definition'
                        id: 'a0f1fa9580724b36b71ea7076ff82353'
                    }
                    'flow-step-assign-litmos-courses': {
                        table: 'sys_hub_step_instance'
                        id: '2397dfd31d0644ce9d12f473ad62f1dd'
                    }
                    'job-catalog-sync': {
                        table: 'sysauto_script'
                        id: '0da7615637b24d1797c63344bb55867a'
                    }
                    'job-outbox': {
                        table: 'sysauto_script'
                        id: '966a0e6994b748348f6c79c6082c725a'
                    }
                    'job-training-updates': {
                        table: 'sysauto_script'
                        id: '65ffb904d4504d1ab4aff56dda3c5800'
                    }
                    'mail-script-start-buttons': {
                        table: 'sys_script_email'
                        id: '67c3d63ae1e24478ba33aa6b84e4cd53'
                    }
                    menu: {
                        table: 'sys_app_application'
                        id: 'ea77a9bc4d27429e8449ad2f1ab779d3'
                    }
                    'module-agents': {
                        table: 'sys_app_module'
                        id: '6d56516488c242548a4431c4f2b7ab0c'
                    }
                    'module-configurations': {
                        table: 'sys_app_module'
                        id: '0770eed9dc80427dade81efb8032d945'
                    }
                    'module-outbox': {
                        table: 'sys_app_module'
                        id: 'fa91d8386b344db1b13c859ad9bf1133'
                    }
                    'notification-start-links-case': {
                        table: 'sysevent_email_action'
                        id: 'b3d7f12c08904f5cbf7d52e6caf6d397'
                    }
                    'notification-start-links-incident': {
                        table: 'sysevent_email_action'
                        id: '2258d63ba5d8492db532fd6ba4e3557d'
                    }
                    package_json: {
                        table: 'sys_module'
                        id: 'dc0f76b2f1774cab8f6b00847bd1d394'
                    }
                    'property-allow-http': {
                        table: 'sys_properties'
                        id: '2d449e0ad5de4e75829db9640a7825ec'
                    }
                    'property-atf-agent': {
                        table: 'sys_properties'
                        id: '098b7e6ce4d74be9b6a7b9ec9eef9c99'
                    }
                    'property-atf-learner': {
                        table: 'sys_properties'
                        id: '35235d7da9c74e53b9733587449980c3'
                    }
                    'property-http-timeout': {
                        table: 'sys_properties'
                        id: 'a90e37eeee284d7380eb2970b8687ef0'
                    }
                    'property-module-path': {
                        table: 'sys_properties'
                        id: 'e77deb5c9c334091bcb633e60e1aaedf'
                    }
                    'property-training-list-views': {
                        table: 'sys_properties'
                        id: 'e11c32b4bb1541e09b8e574e151ff14d'
                    }
                    'si-litmos-training-ajax': {
                        table: 'sys_script_include'
                        id: '82a20b7713744ff5ad4b660084cbd280'
                    }
                    'si-litmos-training-client': {
                        table: 'sys_script_include'
                        id: '8dc508c0646b44b09e80f2d0e0d3ab54'
                    }
                    src_server_activation_js: {
                        table: 'sys_module'
                        id: '2b9707b6f3df428db484387059afdd6a'
                    }
                    src_server_assign_js: {
                        table: 'sys_module'
                        id: '862c078fb1b64b7cb91a97d617df3591'
                    }
                    src_server_catalog_js: {
                        table: 'sys_module'
                        id: 'efae9b91317e45edb4631b3b88c00c32'
                    }
                    src_server_context_js: {
                        table: 'sys_module'
                        id: '3d17884479c047af9072b817b4978838'
                    }
                    'src_server_course-list_js': {
                        table: 'sys_module'
                        id: 'e61242d9f24b4e518faa89996da08b32'
                    }
                    'src_server_flow-assign_js': {
                        table: 'sys_module'
                        id: '93d740e28021432c9bb996e7aaa97787'
                    }
                    src_server_incidents_js: {
                        table: 'sys_module'
                        id: 'e4f22551c6ae412c8cf333880a6100e6'
                    }
                    src_server_learners_js: {
                        table: 'sys_module'
                        id: 'de153329dbf54ef3a074aaf0f0c6f86c'
                    }
                    src_server_outbox_js: {
                        table: 'sys_module'
                        id: 'bcf4dcab44fe4c7da5551977c5367080'
                    }
                    src_server_payload_js: {
                        table: 'sys_module'
                        id: 'e1b27fe600424a08970a4d515baa48f6'
                    }
                    src_server_recommendations_js: {
                        table: 'sys_module'
                        id: 'cf616a45ecb34a9481ff6a3e51c97773'
                    }
                    'src_server_related-lists_js': {
                        table: 'sys_module'
                        id: '5f258508eb9e442698489808ca0dca1e'
                    }
                    'src_server_start-links_js': {
                        table: 'sys_module'
                        id: '36df6e2a89c94aad8a1a1d73aee903f6'
                    }
                    src_server_training_js: {
                        table: 'sys_module'
                        id: 'dd1e2b6ca52941e9a802a1355702fde2'
                    }
                    'src_server_work-notes_js': {
                        table: 'sys_module'
                        id: 'fa368ec2a9a841b9b02a8cec534f4a50'
                    }
                    'vtable-courses': {
                        table: 'sys_script_vtable'
                        id: 'dc77586e4bc04e2d8055b5c576a1d1d4'
                        deleted: true
                    }
                    'vtable-training': {
                        table: 'sys_script_vtable'
                        id: '6b9ce9163ef242f4b0fbb0e380d8bbe4'
                        deleted: true
                    }
                    'xscope-case-read': {
                        table: 'sys_scope_privilege'
                        id: 'ae9ce5aba6594eb9b72306f8f01706bc'
                    }
                    'xscope-case-write': {
                        table: 'sys_scope_privilege'
                        id: 'eac8187c34494addaf86b419b3346305'
                    }
                    'xscope-connection-create': {
                        table: 'sys_scope_privilege'
                        id: 'a48e2fd2c2bf4f05921301d0a9ffb615'
                    }
                    'xscope-connection-read': {
                        table: 'sys_scope_privilege'
                        id: 'f92e21b2c5c148d1864cecb16446ead4'
                    }
                    'xscope-connection-write': {
                        table: 'sys_scope_privilege'
                        id: '34007bb210af492d96c6cc2da82dca52'
                    }
                    'xscope-credential-create': {
                        table: 'sys_scope_privilege'
                        id: '15d91aff2a9a48fb887dc74f31d6daf7'
                    }
                    'xscope-credential-read': {
                        table: 'sys_scope_privilege'
                        id: 'cc3226b7540f47d7b7ac08c7d3ed93df'
                    }
                    'xscope-credential-write': {
                        table: 'sys_scope_privilege'
                        id: 'c4d690e1d79b4f0cb9e465148fb155e2'
                    }
                    'xscope-csm-consumer-read': {
                        table: 'sys_scope_privilege'
                        id: '73f6c379a49444d8832edadcf8853406'
                    }
                    'xscope-customer-contact-read': {
                        table: 'sys_scope_privilege'
                        id: 'cd0e96005703479698bdf0f57fca30a7'
                    }
                    'xscope-incident-read': {
                        table: 'sys_scope_privilege'
                        id: '3bfa55f49b8343b2a54bbdaa0a763c95'
                    }
                    'xscope-incident-write': {
                        table: 'sys_scope_privilege'
                        id: 'eede737f03ed4031964658bf1ddb7180'
                    }
                    'xscope-sys-ui-related-list-create': {
                        table: 'sys_scope_privilege'
                        id: '3b2136b1887445c5a79b331c66f3c7aa'
                    }
                    'xscope-sys-ui-related-list-entry-create': {
                        table: 'sys_scope_privilege'
                        id: '3ff0bbfc9108454686ddefde3a5e6053'
                    }
                    'xscope-sys-ui-related-list-entry-read': {
                        table: 'sys_scope_privilege'
                        id: 'd690d4a95bdc467bb3b808377ad470bd'
                    }
                    'xscope-sys-ui-related-list-read': {
                        table: 'sys_scope_privilege'
                        id: '1396f243fbcc4d528f7a399269405c3c'
                    }
                    'xscope-sys-user-read': {
                        table: 'sys_scope_privilege'
                        id: '48fefbacc54a44bcb9c05262682bc7c6'
                    }
                }
                composite: [
                    {
                        table: 'sys_documentation'
                        id: '0116460c77224321b413231291475e07'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'course'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '011fb2040d0a4434a895de37783fb4ba'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'updates_checked_at'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '030a2f7fecca4139a5999a10f71830f6'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '039e4ebdaef44af9910c247f65ae2cb7'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'available'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '0402b7e73a6441a6ad5e43f88a6443e0'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'status'
                            value: 'in_progress'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '045f107cee48430c819c6aef6a9c426d'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: '98c44875ffa033008d3f5d9ad53bf1fa'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '046259a4598942189251ffad8c812167'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'status'
                            value: 'completed'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '04893a658ad049b393baf6c5ca0cb74e'
                        key: {
                            sys_ui_action: '509d11f515c640da9a48a99d79849f19'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '04de933a59c449fb96d07df9d8b455b5'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '04fbc5537fb9482abd5e699ecc82a1a0'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_all'
                        }
                    },
                    {
                        table: 'sys_ui_form'
                        id: '067a71442e67491da7383944eb4b01b4'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '06bc30d79c824819b3cc9f272ed01eeb'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'recommended_for'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '06eebb46c79d4d5f9d4b6bcb46bea02a'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'outcome'
                            value: 'incident_not_found'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '072dc693b7204878a397e780782542e0'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'attempts'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_form_section'
                        id: '07866a8d9e23411e8a8732a726e2074a'
                        key: {
                            sys_ui_form: {
                                id: '067a71442e67491da7383944eb4b01b4'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '07a220832aca4f149ff37f8e82d9f37e'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'active'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '07d5318fa26543e58e8a371d539abfdf'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: 'b27b2b29ff6033008d3f5d9ad53bf164'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '07ef268d8e94403fa3981659efd66103'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: '98c44875ffa033008d3f5d9ad53bf1fa'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '088782ab677046a38b6ebea159471da9'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'course'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '08c113c4a8ff4ef999f24b9a99f46a9a'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'outcome'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '09a2718db2f74412a8aa70dee4bc1310'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: 'b27b2b29ff6033008d3f5d9ad53bf164'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '0a2d31821b8f450e986c2bf3cbae324e'
                        key: {
                            sys_security_acl: 'b3c512447c374473bff792d26a28c4d5'
                            sys_user_role: {
                                id: '739ee47c5b12486daf8626abc8bd042f'
                                key: {
                                    name: 'admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '0a37f04dacae4cec9f84d794f6267984'
                        key: {
                            sys_ui_action: '95d9496920a7419bb536a81c0a9b100f'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '0a71c455f94d4bc4b1e6f060b39dc272'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_synced_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_input'
                        id: '0a842cafe6b145e1bd825c26a35f3b61'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'record'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '0c52e0b4b9e049fdbd349d5cc4078664'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: '6f69fc4aff6433008d3f5d9ad53bf18c'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '0d8c90b659f048f6812afae9cf93cdf9'
                        key: {
                            list_id: {
                                id: 'fcd8f4ffce3e41679812ffbcb956e353'
                                key: {
                                    name: 'x_litmo_litmos_int_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '0ed0bad7656f4cd2a3e94fd7687d379b'
                        key: {
                            list_id: {
                                id: '4f32f1c6e15848b4b8951018965177ea'
                                key: {
                                    name: 'x_litmo_litmos_int_agent'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'source'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '0fc0f020fb5e46bdad66d355f8b59a54'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'course_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '102fd80a802c4d0285e03042d1f8da9f'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'last_status'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '10a3654935c945388b6be462a2341e0f'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: '.begin_split'
                            position: '0'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '113f51c57ece497789c0d39d1bba8559'
                        key: {
                            sys_security_acl: 'c4a7282627134c93bf212706d4ccb891'
                            sys_user_role: {
                                id: '739ee47c5b12486daf8626abc8bd042f'
                                key: {
                                    name: 'admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '11625cd19b564f5382d00959d20289a6'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'completed_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1275290f65424e0b99a31ecdfd81034f'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_for'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: '12d29eeb2828417db85a338272bd23dc'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '12dafccbc2d54d578f33a60a8410dc28'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'active'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '1339b1d329c3482aafd9cc2a40192544'
                        key: {
                            sys_security_acl: '15264d12922d4a6ba8273976e89f11d9'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '14191bea9d3a4486b1d5e42124ec8a41'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'status'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '145df0300ae94333aa49217048be7f1a'
                        key: {
                            sys_security_acl: '788395014be640e1b63cf0a19fa2ddd2'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '149daab2e89f4cc192285e5832e3e2cf'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'updates_cursor'
                            position: '7'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '15837c85d1244aff9c131abe8cea9538'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'name'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '159d49053112479a9b5747df1e819d22'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: '.end_split'
                            position: '8'
                        }
                    },
                    {
                        table: 'sys_ui_policy_action'
                        id: '18547c21a9c249a095168fcf073de1aa'
                        key: {
                            ui_policy: {
                                id: '88d785dc065245e2b97f81055fe7ef34'
                                key: {
                                    table: 'x_litmo_litmos_int_configuration'
                                    short_description: 'Show the activation details once activated'
                                }
                            }
                            field: 'endpoints'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '197f4d1840da42fc9442988a10a3310d'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'link'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '19c8e3bb9ad8418e829df4c1ef185995'
                        key: {
                            list_id: {
                                id: '9d4ff110d6dd4088bce9d7743014b5f9'
                                key: {
                                    name: 'x_litmo_litmos_int_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'name'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1ab318f373bd482aa5f32a2ad2e6e7de'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_synced_at'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '1b3ee459988644a4b44d96aac3ed27de'
                        key: {
                            document_key: 'e9f890b99a874a488dc6d25272fa88de'
                            variable: '74d6e7a0a3023110571967d1361e616b'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '1b4e13fbf588443694292067aa91f543'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'incident'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1b9e9ac1ed33499d86b0a8b3976aa7a1'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'assigned_at'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '1d42783f89c345e78fa4034d291862ed'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'course_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1e6efa2344ab4456be9f0c1e945f9280'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'attempts'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '1e7dec76bcfd416eb149855f77b991d6'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: '1985e0ceff2433008d3f5d9ad53bf1ba'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '1e9da799cd444611bfdc39dd2a808472'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'record_table'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '1eef6bf44adb42828e4c0be9e91a3278'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'endpoints'
                            language: 'en'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '1f001c536abc4f4892e61bb3a30cff4c'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: '1f14d276d03e48eeb69688c68f926861'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_course'
                            col_name_string: 'course_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '206574371d1c464da5976a0a372a682b'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'active'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '20bc2089fa0944eb92aba7991b1a1b19'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'repeat_rate_completed'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '211d3790ac6246a79d4847ebaac5ae07'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'incident'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '212714d06e99490095dbfe0da8ab85c7'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'next_attempt_at'
                        }
                    },
                    {
                        table: 'sys_ux_form_action'
                        id: '21344d7761ff493ea0bee9e692c4a2a5'
                        key: {
                            ui_action: 'de638690148d44a7a91a95ad6ec49051'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '21637938a97144e68eacef16760b0016'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'litmos_user'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '22f3e4cf57da44a0a861f728e05b1f0d'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'assigned_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '23d45c1a99174b0c898c2853b667aa0a'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '2469dbbac7474cab9fda9bda55502b15'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '2472fe385efd4dc3b4ec3cdd740c4e4a'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_error'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '253257860ba2445fb52f02b453a7c8ec'
                        key: {
                            document_key: 'b62ea208205d4a3384423f155be7f2c7'
                            variable: 'b124164e53a0220002c6435723dc34c5'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '25510c2f97cb4c14b64a015cbe66084f'
                        key: {
                            name: 'var__m_sys_hub_action_input_a0f1fa9580724b36b71ea7076ff82353'
                            element: 'record'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '25c0e6b8dc474383bd4e8f5ab0736c90'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '26c27b9247564c82b335567687af2da6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'status'
                            value: 'not_activated'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '2707554c24ef4844b6444b36a90d4251'
                        key: {
                            name: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            element: 'already_assigned'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '28e63407c65c4d54a19dfefe15164233'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'rank'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '2a047a8cc6064dcdad4c479635e605b3'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'status'
                            value: 'not_started'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_output'
                        id: '2a1e927e1f9f45f2aca6abc34cb2457d'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'error'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '2a2fb2cd4fb243ea96fccf00d3f0b897'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'catalog_total'
                            position: '2'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '2a447f15129b4ce1b3f9b6501f854fd1'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'score'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '2a7ce5afd72f45aebc0aaeda73468b7f'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'completed_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '2badec3928db4538aac80d84981be045'
                        key: {
                            list_id: {
                                id: '9d4ff110d6dd4088bce9d7743014b5f9'
                                key: {
                                    name: 'x_litmo_litmos_int_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'description'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '2bc8d435726b45c7b15b8666b3190438'
                        key: {
                            sys_security_acl: '01361037dad34aceb12caf639a4ec5fd'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '2bda766d43214054b33168ada5c20754'
                        key: {
                            list_id: {
                                id: 'fcd8f4ffce3e41679812ffbcb956e353'
                                key: {
                                    name: 'x_litmo_litmos_int_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'percentage'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '2d0c629e259c48229e8174aa88e04e0c'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'source'
                        }
                    },
                    {
                        table: 'sys_ui_policy_action'
                        id: '2d55717d30af49718f20f779ea3cebb5'
                        key: {
                            ui_policy: {
                                id: '88d785dc065245e2b97f81055fe7ef34'
                                key: {
                                    table: 'x_litmo_litmos_int_configuration'
                                    short_description: 'Show the activation details once activated'
                                }
                            }
                            field: 'activated_at'
                        }
                    },
                    {
                        table: 'sys_hub_action_input'
                        id: '2d930379cdb443478299fef937028923'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: 'courses'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '2df48b9ff84a4f5581cabdef8a23b253'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '2e12b738278f4a098e6bef7dcf3557e7'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'outcome'
                            value: 'training_only'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '2ed69cb555424c74a2121b18e85bfb27'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'not_completed'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '303792f6a199474a9dff49a15d2c95a6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'instance_url'
                        }
                    },
                    {
                        table: 'sys_ui_section'
                        id: '30bf12c8e7954aacb0ea734b25028e67'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            caption: 'Automation'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '31616bc78c6643979fcfbcc50a291ea1'
                        key: {
                            list_id: {
                                id: 'f985747c26854ece9683025bccc151c2'
                                key: {
                                    name: 'x_litmo_litmos_int_outbox'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'last_error'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '31c3709e67a34392a4adae2872224c73'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: '6f69fc4aff6433008d3f5d9ad53bf18c'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '31ccc0c18ee24e148fed61c47c176246'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'difference'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '331a1c845b984a83a0456c0255971d2f'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'endpoints'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '339b322240254e088ed93e0744133281'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'status'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '36d0451da62d4ef8991d6ba5e4d3d3d4'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'outcome'
                            value: 'noted'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '3784eab027f74202a903d93b69282e81'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '380872967d9144568828b093db79d9d0'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_course_ids'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '38db08a36b004ac9b9a322f8842e7baf'
                        key: {
                            sys_ui_action: '355bd3d972cf4591bf7e23a92b3f9c50'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '38edc84043144790bfaa81f16e5655c7'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: '8c07aba5ff6033008d3f5d9ad53bf13b'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '396bd05b3bf04a8291b1271bb62a04ad'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'user'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '39edc359cbdd4edea506fdb13c218859'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '3a4d8f039fef49ad95569c943ab6e7b4'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'learner_id'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '3a65f4d6d1f34289ae5defe894e3d9e6'
                        key: {
                            field: 'courses'
                            table: 'var__m_sys_hub_step_ext_input_2397dfd31d0644ce9d12f473ad62f1dd'
                            id: '2397dfd31d0644ce9d12f473ad62f1dd'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '3b2f93e9c386414db30d9164f24c910c'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '3b5e62d4cafc43e288b749efbf89bee7'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: '8c07aba5ff6033008d3f5d9ad53bf13b'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '3b6f24a6dc6941fe84167106de9d83a7'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_course_ids'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '3bcd2d710bc7416c89cfcbd5693a333d'
                        key: {
                            field: 'record_id'
                            table: 'var__m_atf_input_variable_5f2e0e535332120028bc29cac2dc34d3'
                            id: 'e9f890b99a874a488dc6d25272fa88de'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '3c15c9168f3b481aa8ffd47e8dddbde8'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_level'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '3d2e532cafe44e07a5ef13948b6820e5'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                        }
                    },
                    {
                        table: 'sys_hub_action_output'
                        id: '3d98fcc37ca34e5b829d711d87698a7f'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: 'already_assigned'
                        }
                    },
                    {
                        table: 'sys_hub_action_output'
                        id: '3e977457e8c941a5aa93c073001f754c'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: '__dont_treat_as_error__'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '3eb83ebb97c241d68bab4bb401595fc8'
                        key: {
                            document_key: 'e9f890b99a874a488dc6d25272fa88de'
                            variable: 'ad351a4e53a0220002c6435723dc34f0'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '3ed7ac46404546c8893b0171efac8a8a'
                        key: {
                            field: 'assigned'
                            table: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            id: 'a0f1fa9580724b36b71ea7076ff82353'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '3f1f55a2bf5341b7930022dea0b16f57'
                        key: {
                            document_key: '14be046ba8834776a632653c673a157c'
                            variable: 'ba62b4075320220002c6435723dc34b9'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '3f6ddc40cf5d43cb995d5454769bd6c8'
                        key: {
                            document_key: 'aa0ddfaef3724a48ac4b349e7db840e6'
                            variable: 'dd54cf535320220002c6435723dc34fd'
                        }
                    },
                    {
                        table: 'sys_hub_action_output'
                        id: '4018d33a10eb4c02bb63550aab62b89d'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: 'assigned'
                        }
                    },
                    {
                        table: 'sys_ui_policy_action'
                        id: '42377a31e69249cb9d6103f6978bb523'
                        key: {
                            ui_policy: {
                                id: '88d785dc065245e2b97f81055fe7ef34'
                                key: {
                                    table: 'x_litmo_litmos_int_configuration'
                                    short_description: 'Show the activation details once activated'
                                }
                            }
                            field: 'updates_checked_at'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '42b3ed408d554ad5831cbd0ae80c5f55'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'incident'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '43730bb6d6414c23950fdd6c42515bce'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: '1985e0ceff2433008d3f5d9ad53bf1ba'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '438259aa0e5a40aabdb978f60ca3391a'
                        deleted: true
                        key: {
                            list_id: {
                                id: 'e5758a346a9243379700645134e277bc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'completed_at'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '43d30e00ea7e450399538f1333da4974'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'state'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '4439cd57c5a44ffbb120e35aae2a9579'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'percentage'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '44870368819c4479b1f6d32cf51d43b7'
                        key: {
                            document_key: 'b62ea208205d4a3384423f155be7f2c7'
                            variable: 'ad351a4e53a0220002c6435723dc34f0'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '44c11285eca44a8ebd3a31845e7dc4c9'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_level'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '454082a2673a495fa60bbe8128086397'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: '.end_split'
                            position: '8'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '4654c9d20d2b4f2eb69799783a139bb0'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'description'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '46edb2429e1e4b0a81ac61aff87ac5c2'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'assigned_by'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '4837efa2942e43ccb90269467f4a4efe'
                        key: {
                            sys_security_acl: '349c4af1c74a4d7c973339b9c05db047'
                            sys_user_role: {
                                id: '739ee47c5b12486daf8626abc8bd042f'
                                key: {
                                    name: 'admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '48f6f92bc23044ff961846c182de9a66'
                        key: {
                            document_key: 'a7c3c7fd58f644b891866c92b32a8800'
                            variable: '9024a37f671003007ba405225685efe5'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '4b2e5bd278314d3783f39011b52e3d7d'
                        key: {
                            list_id: {
                                id: '4f32f1c6e15848b4b8951018965177ea'
                                key: {
                                    name: 'x_litmo_litmos_int_agent'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'litmos_user'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '4b5dbcad2f34442098e05ebeb10c6325'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'learner_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '4b7499275a1049b4b967545f10a73c44'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'course'
                        }
                    },
                    {
                        table: 'sys_ui_section'
                        id: '4b92abb7a5064e6cbdaffd581485f7b0'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            caption: 'Synchronisation'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '4c38c71629174056be22a6eb1870447c'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_output'
                        id: '4c8011c75b9243788782b14d7971e766'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'messages'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '4d34bd0fb12943ce84351be54ff5da51'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'available'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '4deecd71fe2b4cb7b03b8a0849080ddc'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '4e268bed2d0d4d56b0b0eb86d93c328e'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: '1778a7480f20101091d0f00c97767e03'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '4f2f6acd213343ca9bc0e2727fd442a1'
                        key: {
                            list_id: {
                                id: '4f32f1c6e15848b4b8951018965177ea'
                                key: {
                                    name: 'x_litmo_litmos_int_agent'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'user'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: '4f32f1c6e15848b4b8951018965177ea'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '516bfd797f544360a09a315e9c41e25e'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'litmos_user'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '516df73db0964c6c98c9a1088ba13ec0'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_notice'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '517468c7df67452dadb56f55d46776b4'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'changed_at'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '5269e25d255d447b984136b91d3e1be4'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: 'ff06ab840f20101091d0f00c97767e6d'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: '530dbcdca4a942068840fccd6ce8e9a6'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_training'
                            col_name_string: 'record'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '5351af9ad64e492a889c6bed69c50f8d'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '5562f1040fd34fe4b510947776ec8dcc'
                        key: {
                            sys_security_acl: 'c15f97af68ce438482140a7f72531ab7'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '559e7667ae0d4ec6b00ff4c6cb9c8572'
                        key: {
                            list_id: {
                                id: 'f985747c26854ece9683025bccc151c2'
                                key: {
                                    name: 'x_litmo_litmos_int_outbox'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'attempts'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '570461bd8f0244abaf77536b2852d318'
                        key: {
                            list_id: {
                                id: '4f32f1c6e15848b4b8951018965177ea'
                                key: {
                                    name: 'x_litmo_litmos_int_agent'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'sys_updated_on'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '573141fa872449158b5dacfbf26eabb3'
                        key: {
                            document_key: 'e9f890b99a874a488dc6d25272fa88de'
                            variable: 'b124164e53a0220002c6435723dc34c5'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '579896c788c84729b125c6d8298a8f2d'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'interval_high'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '58b613db29264ca5864eb370352ef712'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'changed_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '5a4fbe4e5dc54161a4467785dd4914b4'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_for'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '5a6f2c539de74b389282758f90a1efe5'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '5b72862476924fd0aecd724f4f639c65'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: 'ff06ab840f20101091d0f00c97767e6d'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '5b804c09cd0b440fb32602a660b341b8'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'course_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '5bd882bd3e96451cae7b46bca109b4b6'
                        key: {
                            name: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            element: 'assigned'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '5d7e78ae27f74b78a34a1c5a3bc93bc8'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'fetched_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '5d872631d2344834a7854dec94a83445'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'status'
                            value: 'not_started'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '5e82f571d7a5412982301f9e123def4a'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'incident'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '5f1babd71cad46e9a78738d96be46352'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'score'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '5ff43c43047f4ae8938b7a47aa574cea'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'record_table'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '5ffeabf85b81434daa5bd09ca44c7074'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'interval_high'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '612bc37b229349c393b6faf9539b7b70'
                        key: {
                            document_key: 'e9f890b99a874a488dc6d25272fa88de'
                            variable: '6e55da4e53a0220002c6435723dc34a0'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '619251c2c19e49e78fefb942639122ab'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'updates_checked_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '62387968be7a4900972465cca3b55600'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'record_table'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '630157fd3d8c49b69a4f895674d7817b'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'state'
                            value: 'pending'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6321fe45e92f42feb42f099347b01f57'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'repeat_rate_not_completed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '63240b8403e74e99b9730fe1011f44db'
                        key: {
                            sys_security_acl: 'dc99677eb24d4854b14472af6402d7fe'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '647d0105560b49658c73f8a2c13c9471'
                        key: {
                            document_key: 'b62ea208205d4a3384423f155be7f2c7'
                            variable: '74d6e7a0a3023110571967d1361e616b'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '64a60698ddef4f7ebb1fe4780fcbcf94'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '65035096732d478a8c2db51d80391bf2'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'code'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '65229749b349463fbf0e23296a11125d'
                        key: {
                            name: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            element: '__action_status__'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '66873f8840d248a29bfe88d52934a51f'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'not_completed'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '66ac3f08786d4707bd5216e538643e4a'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'updates_cursor'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '67a4e99068aa4d38aedb1101448205d4'
                        key: {
                            document_key: 'b62ea208205d4a3384423f155be7f2c7'
                            variable: '6e55da4e53a0220002c6435723dc34a0'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '67d211e335494bd8b806947e0d8c4e4c'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'source'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '6906c1b4cd4449d6b89fd48304a188d8'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '6a0e6933d64f4d928ab47a8fa9fda26d'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'course_name'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6a226c31dfc94d2789b94e80470a5805'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'tenant_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '6a432a86a4fa4c67b7ffbcddfb125b4b'
                        key: {
                            field: 'field_values'
                            table: 'var__m_atf_input_variable_14872288df60220062fe6c7a4df26319'
                            id: 'a7c3c7fd58f644b891866c92b32a8800'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '6a6412656c484a739fe6fdc400b66a3b'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'status'
                            value: 'completed'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '6a9cdff5e7f742d09ab05a08af151631'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'description'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '6b0ae253cf7a483f9a6e6bbb830fe0d1'
                        key: {
                            list_id: {
                                id: 'f985747c26854ece9683025bccc151c2'
                                key: {
                                    name: 'x_litmo_litmos_int_outbox'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'next_attempt_at'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '6b1dee54b3f94cba9593d8527aaeff46'
                        deleted: true
                        key: {
                            list_id: {
                                id: '12d29eeb2828417db85a338272bd23dc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'active'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '6b790a38c2d344dd8a95367436a6477d'
                        key: {
                            sys_security_acl: '168cf139f25045e1b5b3f05e3ea1ffa2'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6b8c82ab10dc4af49df5d40c41055943'
                        key: {
                            name: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            element: 'messages'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '6c4ce81d4bd642e78e95951fbd933351'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: 'b27b2b29ff6033008d3f5d9ad53bf164'
                        }
                    },
                    {
                        table: 'sys_hub_action_input'
                        id: '6c58e4d55d854231920da1aeb5e7ed26'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: 'record'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6ca8a1ede6d24ee5a3022db7542a5793'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_generation'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '6ccd38e7687648fdb00df6807cc3aeb9'
                        key: {
                            sys_security_acl: '0cb27a0d973545cdae251e6adc891cbb'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '6ceb6e1bd993474c9bd2c6d6680b3c41'
                        key: {
                            document_key: '594dbb8a885644eea122f98e505c6c4c'
                            variable: '6619c7aa5320220002c6435723dc34e2'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '6cfa26b58c4548209b5ba1eadbd5778d'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'backend_url'
                            position: '1'
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_input'
                        id: '6d8ab5283f564d7c9b1002448b852b13'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'send_message'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '6f17a6005c2a476ea6afec4178629e89'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'course'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '6fac9c4275cd4aa2a70d861c27cab142'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: '6f69fc4aff6433008d3f5d9ad53bf18c'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '6fb3e9c438494377acd3a79d27ca538d'
                        key: {
                            sys_security_acl: 'a8df0e513c504d22bdb7248be1f5495b'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '6fc53cb8177e47e196b682470e9155c9'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'last_error'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '701fc9b086174ee5af82ad61dd5d60e9'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_total'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '70f54b5e932b42b28041fb4de64f20be'
                        key: {
                            document_key: '594dbb8a885644eea122f98e505c6c4c'
                            variable: 'bc43e004c76733005e5c45b881c26046'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '722ff01abd8f4d05bfc13a1c413d3fb6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_checked_at'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '7255152a66b245439064434ea7f38d12'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'course_id'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '72fd09d6746d428fbd5d4eae7591b707'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'code'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '730c9ea476444b0bb7b53b52567198a0'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'completed_at'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '73b84bc195684a4081c99768a563befe'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'interval_low'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '73e8320998154422918f49d5ea06b62a'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '73fafeeb7ce54c3ab062b3c836d839ff'
                        key: {
                            list_id: {
                                id: 'f985747c26854ece9683025bccc151c2'
                                key: {
                                    name: 'x_litmo_litmos_int_outbox'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'number'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '74fe4487031c4f6fb6ff12cda2aae81f'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'code'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '7597b29fabf34a92a76ed96d1a990b7f'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '75cf06450d654a9abdde648e3a37b0f4'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'automation_agent'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '7607373c99e54b1f8aa32a85bd2d36c8'
                        key: {
                            document_key: 'a7c3c7fd58f644b891866c92b32a8800'
                            variable: '90144b535320220002c6435723dc3488'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '7725502d94304c1094a028430a63ed54'
                        key: {
                            sys_security_acl: 'c73d1830c34b4692b02fc2ed000ea705'
                            sys_user_role: {
                                id: '739ee47c5b12486daf8626abc8bd042f'
                                key: {
                                    name: 'admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '77d1ac18fce94f29a53abf77228e2664'
                        key: {
                            field: 'record'
                            table: 'var__m_sys_hub_step_ext_input_2397dfd31d0644ce9d12f473ad62f1dd'
                            id: '2397dfd31d0644ce9d12f473ad62f1dd'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '79a92e22933b4567b93378a0933275a8'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'source'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '79e0632e0caa4759812902d34d88c3b3'
                        key: {
                            document_key: '2397dfd31d0644ce9d12f473ad62f1dd'
                            variable: '74315b04b3201300176b051a16a8dc2b'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '7a0940494c694625a5bdab8290a7fa91'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'course_name'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '7a2f9648ae7240849fd20f298532c628'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'instance_url'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '7a577835f526405f8f8017702b418054'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '7a93f19680f34beeabcbb2144c357dc2'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'instance_url'
                            position: '7'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '7aaa2318900745d7b3fdf355c92fb68b'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'course_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '7afac47bc427416fa3db0598a1f8aea8'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '7b614011845148cc93fb8622e3c35fce'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '7c2097da1a6f4b3f9b316a37b46b05ed'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'record_table'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '7c8ee55678044da7a388dc85ee79ac0f'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: 'ff06ab840f20101091d0f00c97767e6d'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '7cd39362df564085abc61d5ace940965'
                        key: {
                            sys_security_acl: '97266eac13a648e89787b5dc77077396'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '7df27b319c784129a9a98a0e021df619'
                        deleted: true
                        key: {
                            list_id: {
                                id: 'e5758a346a9243379700645134e277bc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'percentage'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '7ebf3bd3e2ae49109c8cf8d4bd2f45a0'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '7fd9663cc0ca4d7dbbb56fb89e3ae4d2'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'course_id'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '801189dcb1d343a38a68c87421887d99'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'completed'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '801537aff561445087aa2841d1cb8755'
                        key: {
                            sys_security_acl: '8c8726293c8e4b05842ca83f16113a33'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '806a459c13de412a9ab61a79143f28a4'
                        key: {
                            sys_ui_action: '5c499b1fb3b7455ea982509d1279508c'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '80730aea85414762a2c97f5b06c737c9'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_hub_action_input'
                        id: '80d6b10d9dcb49e5b30539fe05ab42f6'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: 'send_message'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '80e77303fbc1466f8b415fde773944a0'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'completed'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '81faec81857743a3878f91b9b897c22a'
                        deleted: false
                        key: {
                            document_key: '1ba52b91c0354bc38a31cc268d4f8b25'
                            variable: '989d9e235324220002c6435723dc3484'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '83022995b1374e14ae5f57139803fd02'
                        key: {
                            list_id: {
                                id: '9d4ff110d6dd4088bce9d7743014b5f9'
                                key: {
                                    name: 'x_litmo_litmos_int_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'active'
                        }
                    },
                    {
                        table: 'sys_ux_form_action'
                        id: '8373ce75eb42468fa1cdfa6fba3263d8'
                        key: {
                            ui_action: '509d11f515c640da9a48a99d79849f19'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '8400cc5f0ce04720bc8f5038736f2fe2'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'catalog_synced_at'
                            position: '3'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '84340f7b69af4df39f8a479bed8ea832'
                        deleted: true
                        key: {
                            list_id: {
                                id: 'e5758a346a9243379700645134e277bc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'course'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '846ac7486ca442d39dd312a4315ccebf'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: 'ff06ab840f20101091d0f00c97767e6d'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '854795aba9aa457bbca874e9b6c08b18'
                        deleted: true
                        key: {
                            list_id: {
                                id: '12d29eeb2828417db85a338272bd23dc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'code'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '858f10f60eb44157ae09c1090de46a83'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '87216dbfa57c43a0b82ec9ddfbf45176'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'record'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_hub_action_output'
                        id: '872473f984e04e239a09f825fb7eab1a'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: 'messages'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '87db692863e1435598dcb184bd7db8d3'
                        key: {
                            name: 'var__m_sys_hub_action_input_a0f1fa9580724b36b71ea7076ff82353'
                            element: 'courses'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '87ee73a8fb5f4ba8803e134c05e2b344'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'link'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '87f816cc59a1499baf9e8542c5e7ef41'
                        key: {
                            document_key: '84b79b1c16d4493487fcbbb47ff20043'
                            variable: '98c44875ffa033008d3f5d9ad53bf1fa'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '88306dbe068d43cfa7a5b40db043a928'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'api_key'
                            position: '2'
                        }
                    },
                    {
                        table: 'sys_ui_policy'
                        id: '88d785dc065245e2b97f81055fe7ef34'
                        key: {
                            table: 'x_litmo_litmos_int_configuration'
                            short_description: 'Show the activation details once activated'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '8925d9453da049e485fa2b96d582154c'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'catalog_generation'
                            position: '1'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '893bfce73d344defb2148664d41ba853'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: '98c44875ffa033008d3f5d9ad53bf1fa'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '8999a83b86f14a70be70e130e2be0a77'
                        key: {
                            list_id: {
                                id: 'f985747c26854ece9683025bccc151c2'
                                key: {
                                    name: 'x_litmo_litmos_int_outbox'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'last_status'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '89db90137a134377b5dfcb96fc9de5d8'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'active'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '8a5f500d16574ed88a33c08e89595302'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: '8c07aba5ff6033008d3f5d9ad53bf13b'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '8a6ec262f9f245308ca562a1796494a7'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'course_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '8aa8fea5198b4003be3ab0d6cbed7cba'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_total'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '8c6c581f868d405c97f2c532e4a6cc4a'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'category_key'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '8cb8fa4d7ab245eeb2fe71da2c960408'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: '1985e0ceff2433008d3f5d9ad53bf1ba'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '8cd1f4faf0eb4282a0602e6bc69b4292'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_checked_at'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '8cf1fdc9ceaf453d9891610c85beaf2d'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'difference'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '8d737ee9f7d749d0bb69b020e2f05427'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'status'
                            value: 'in_progress'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '8d744915e98e426c99415ad492bd6235'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'record_table'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '8db9405c74d54914938be22cd0682162'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'activated_at'
                            position: '6'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '8de304ef3d264006809619d894a24e44'
                        key: {
                            sys_security_acl: '9bf77689e9b04a1d96ab2fa9c91f0268'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '8e36090472d54897ae14060ed5b119fd'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'source'
                            value: 'first_use'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: '8e3e7af0bd2c4eaa84a45ecc53310b3a'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'tenant_name'
                            position: '5'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '8e6cbca9b7844644bb0ddc18aee8df69'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'state'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '8edbb988a07342269dcf2ecba3564ac1'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'removed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '8f458383fd0446b39c13c258ff5d1394'
                        key: {
                            sys_security_acl: '17f6a3ea831c4cf4895b718884bfc7ca'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '8f50508e7b82414d93f9fea8097d42e6'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: '1778a7480f20101091d0f00c97767e03'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '8fb2a78346e14a3ea05695e076dc50fb'
                        deleted: false
                        key: {
                            field: 'script'
                            table: 'var__m_atf_input_variable_41de4a935332120028bc29cac2dc349a'
                            id: 'de64784bd4004c02bf8293151777542b'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '8fea89321c924c238fd69037e2b743c2'
                        key: {
                            document_key: 'b62ea208205d4a3384423f155be7f2c7'
                            variable: '17d732a9c7a333005e5c45b881c26007'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '91895ff6c86c453382ee3edc451c6aa8'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: '927fd9eaf940473e87e169c3245800f3'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '956540f04e7d4e7a89dc7b78a3810005'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'course_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '965dee6d041a46e29ada1d10f1ee1460'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'state'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '96cd7cd3749c42e28d692644f7ea3d75'
                        deleted: true
                        key: {
                            list_id: {
                                id: 'e5758a346a9243379700645134e277bc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '976213c2236344b69c1c4aa08b59ee47'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'not_completed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '979159cb681141c89cd88a66b93672a5'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'completed_at'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: '9984be361ba84a7db336ecb91bb516eb'
                        deleted: true
                        key: {
                            list_id: {
                                id: 'e5758a346a9243379700645134e277bc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'score'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '99a3b31aa4ff4d0e9f7cab9e88ef16ba'
                        key: {
                            sys_security_acl: '2be9f7cfd1ba4034982a72772831ce4b'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '9b9b1e120aa741aa8b7da12acbb4a3f2'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: '1778a7480f20101091d0f00c97767e03'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '9baa44ebb08642338e1d3af2bbebb6ab'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'active'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '9c3528466a2941b0a370f2b61f06eaa4'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'repeat_rate_completed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '9c660fd25090474b955cc44028bd23d5'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'interval_high'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '9d4a175d49f9435ba36c80d37841f776'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'course'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: '9d4ff110d6dd4088bce9d7743014b5f9'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '9dce9ddaad3c4efda8b886a5ca76ba1d'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'course'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '9de5567b2dc748a7b1c3ae0204c67c04'
                        key: {
                            document_key: 'a7c3c7fd58f644b891866c92b32a8800'
                            variable: 'dd54cf535320220002c6435723dc34fd'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: '9e42a6e7e3f74a93bb13dcb221c0be09'
                        key: {
                            field: 'field_values'
                            table: 'var__m_atf_input_variable_14872288df60220062fe6c7a4df26319'
                            id: 'aa0ddfaef3724a48ac4b349e7db840e6'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: '9e714bad554a42f9b89913bbbe265e83'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_noted_update'
                            col_name_string: 'update_id'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '9fd46881e15e4da1ac69897a8d95ddaa'
                        key: {
                            sys_security_acl: '2450f6343a9b40889abfb45e7b7f1900'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'a0a432276a5440a79264fc39d1170046'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'updates_checked_at'
                            position: '6'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'a0b8c6a818624c3cb175bb22cba413fa'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'a1c9711873da4883aa9859d6f1eb7189'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'removed'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'a1d873082d634f968e305117c2f8b62d'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'active'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a249a7660e1b441a89c73231add6ed75'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_checked_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'a2751608841c4ceb80eed518cc4fe4dc'
                        key: {
                            document_key: '594dbb8a885644eea122f98e505c6c4c'
                            variable: 'ba62b4075320220002c6435723dc34b9'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'a2c72315471047d39590faa1b983cc54'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: '1985e0ceff2433008d3f5d9ad53bf1ba'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'a2dfcb3443c643428cab623f6e3b76a5'
                        key: {
                            sys_security_acl: '2e213362164b497fb34631759bcaec08'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a38a0ac50e64467bb3f57014a5cccbbf'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'number'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_user_role'
                        id: 'a3a414aa07664777b48df3ac02f9fc38'
                        key: {
                            name: 'x_litmo_litmos_int.admin'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'a3cfe62e876f44b48248d28c2c4205a6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_error'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'a3f36045583d40118dec1c07ac4b5a7c'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'assigned_by'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'a3ff8529b5dc4b83bb5f85b7ac69ae64'
                        key: {
                            sys_security_acl: 'bf5c89667a3548c68ba2b0e2ede352d7'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_input'
                        id: 'a458b2e36ca94de69de19a9b7a715ff8'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'courses'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'a4b3b9350ff545858bbbf4142cb6687c'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'state'
                            value: 'failed'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: 'a59a6bc844f644b59ed6f7b7bf6d19d4'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_training'
                            col_name_string: 'assignment_key'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'a5a9dc3978304c1c8cbbab2bc0d71a7f'
                        key: {
                            list_id: {
                                id: 'fcd8f4ffce3e41679812ffbcb956e353'
                                key: {
                                    name: 'x_litmo_litmos_int_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'assigned_at'
                        }
                    },
                    {
                        table: 'sys_ui_form_section'
                        id: 'a6e251c39da64559a16eb677d328bf75'
                        key: {
                            sys_ui_form: {
                                id: '067a71442e67491da7383944eb4b01b4'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            sys_ui_section: {
                                id: '30bf12c8e7954aacb0ea734b25028e67'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Automation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_form_section'
                        id: 'a88d2264fa83492186d82e37bd41144b'
                        key: {
                            sys_ui_form: {
                                id: '067a71442e67491da7383944eb4b01b4'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'a90d8b8372ad4f09b598b09dd6341281'
                        key: {
                            document_key: 'a7c3c7fd58f644b891866c92b32a8800'
                            variable: 'e6e3c7535320220002c6435723dc3496'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'aa0c59edaed1457c8f09bf0c38ffb8b5'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'assignment_key'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'aa48c6b1e576400294a09e9e38ecfeab'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'next_attempt_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'aaeb8d8aad994ce2bf9e71ae5d61360e'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: 'ab021186f5e54296b8b3025ac1a06525'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'outcome'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ab300a7ecda84437ab455b4196e6ec21'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'last_error'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'abd741fb32224dcaa9982d4533328ea0'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'rank'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'acbe84a438124bf5bd98ed5604b33e16'
                        key: {
                            document_key: 'aa0ddfaef3724a48ac4b349e7db840e6'
                            variable: '90144b535320220002c6435723dc3488'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'acccd84ce08c41f88f7448320e23a5d0'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'category_key'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'ad22cf18bba04f10a61dd9a467f75c15'
                        key: {
                            sys_security_acl: '9d1ce79a2e694149971a4555bb97781a'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ad338465f0894f6fa930ee20a4f9cdfc'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'status'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'ad5f1e9ed6fa4234af02b16e511ead4d'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'rank'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'ad895f1cfc9a4ddcbd51d556945c522a'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'catalog_error'
                            position: '4'
                        }
                    },
                    {
                        table: 'sys_hub_action_status_metadata'
                        id: 'ad8f0b73871144729e2d55a870b7fb7b'
                        key: {
                            action_type_id: 'a0f1fa9580724b36b71ea7076ff82353'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ae24ac0b7ba3423b910e071c17436235'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'activated_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'ae3bbcdfcd0c4099ba751a869716a637'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'activated_at'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ae9e5df461a9430191aa232fe676121c'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'completed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: 'aec647cb4dce4721ab995a0450985821'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'af6bb4db855041c69be09fdfaebde263'
                        key: {
                            sys_security_acl: 'af3f11d170fa4b1a89028188672723e0'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'afcb5de6395644d0b913e01ab196be77'
                        key: {
                            list_id: {
                                id: '9d4ff110d6dd4088bce9d7743014b5f9'
                                key: {
                                    name: 'x_litmo_litmos_int_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'code'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'affb0978b8bc4f30b438a6d01026c05a'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'tenant_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'b15c23ede49b4cb1aa9bb0f2701d7d9e'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'description'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b253a99c954349b0934c46292d1773ef'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'last_status'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: 'b2ab2d82686b4b93950f88865739d54e'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_recommendation'
                            col_name_string: 'category_key'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'b2be03297d044778846d773d7234065c'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'endpoints'
                            position: '9'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: 'b2cb6b6aa4fc4c7ea9948e4499e62913'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'b3351bff136846f585d3c1618ba32a0c'
                        deleted: true
                        key: {
                            list_id: {
                                id: '12d29eeb2828417db85a338272bd23dc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'description'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'b38cff3d87854c99b8878e2a13f7ee49'
                        deleted: true
                        key: {
                            list_id: {
                                id: 'e5758a346a9243379700645134e277bc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'link'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'b4758a2ed01742a3bc366b68a0410d86'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: '.split'
                            position: '3'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'b58dc6c44cc84414ba7b1df93b9f622d'
                        key: {
                            list_id: {
                                id: 'f985747c26854ece9683025bccc151c2'
                                key: {
                                    name: 'x_litmo_litmos_int_outbox'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'state'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b5e31c11a6454ac2b16b7d089ba2fd62'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b61ad86fa31e45dfa731b790afc9e838'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'api_key'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'b649248693774d3b8f5db11317b61e15'
                        key: {
                            document_key: '2397dfd31d0644ce9d12f473ad62f1dd'
                            variable: '71aa7f6647032200b4fad7527c9a719b'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'b6c9734cf8484055900cf649357b792a'
                        key: {
                            sys_ui_action: 'd357eac253744e4b9714c0e2bbdc030f'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b72e6545fb114af08ac8e45a3107f5e6'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'course_id'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'b774bb27ca5d4d3ba6082c08c5a8adfb'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: '8c07aba5ff6033008d3f5d9ad53bf13b'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'b79287d3285c47aa826ed62694bc4d40'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'recommended_for'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b986cc4f7bda4d2c8d9d9db3670a3d50'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'tenant_name'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b9e373771370422681be93ba0d241d24'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'repeat_rate_not_completed'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ba44052fa3774f349730ee23eb387002'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'score'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'ba57f247fee443b9a0dd3396b20156bd'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: '.split'
                            position: '5'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'bad585eb4e9642d29e16654d43e29939'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'interval_low'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'bb288509f9044da7be8f32e214a3d497'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'name'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'bc566c0a8a764529a4d6a60970746a54'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'bc5b98b117094c21a3624d84e8262eeb'
                        key: {
                            document_key: 'aa0ddfaef3724a48ac4b349e7db840e6'
                            variable: 'e6e3c7535320220002c6435723dc3496'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'bca7883810d24ce2bbec5f153fd41761'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'fetched_at'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'bd43b0ead5574bb9b812cdbd5cf520cc'
                        key: {
                            sys_ui_action: '6d6efbbcabfc4bf9bc961d36e7ffaacd'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: 'be1c4cbcf44340398bcd8a2ee185042e'
                        key: {
                            field: '__action_status__'
                            table: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            id: 'a0f1fa9580724b36b71ea7076ff82353'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'be83141107f548e4b17334e2f059edd2'
                        key: {
                            document_key: 'aa0ddfaef3724a48ac4b349e7db840e6'
                            variable: '9024a37f671003007ba405225685efe5'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'be8af7bc025147bcb0568c3c912e4873'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'update_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'bfef0c62b96c4548b75c3d24bb58b79b'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c00038656fbf4529b9a3ac73f5ab3982'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'assigned_by'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c0ec6b4a820342ce804ce1fce275cfee'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_all'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'c19fb980ad294e4381e7d94f069de7c7'
                        deleted: true
                        key: {
                            list_id: {
                                id: '12d29eeb2828417db85a338272bd23dc'
                                key: {
                                    name: 'x_litmo_litmos_int_st_course'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'name'
                        }
                    },
                    {
                        table: 'sys_hub_action_output'
                        id: 'c1b9a6b24a6f4c798b2fad43d5d74ca4'
                        key: {
                            model: 'a0f1fa9580724b36b71ea7076ff82353'
                            element: '__action_status__'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c1ca425ff5bb49989cdd191511cd9dea'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'percentage'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: 'c2451b1e760f4f9fa5af8b3ded8c4936'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c346ceef9a4e498da6e0673442e3f964'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'percentage'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c34e1c0b04404faa933e839c8814957c'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'c3c2f9fdaf384eb49338a37f9790e0c4'
                        key: {
                            document_key: '14be046ba8834776a632653c673a157c'
                            variable: '56e6bee65320220002c6435723dc34b9'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'c4602488d764419294c2df1389882715'
                        deleted: false
                        key: {
                            document_key: 'de64784bd4004c02bf8293151777542b'
                            variable: '989d9e235324220002c6435723dc3484'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c4f311bf581e4760950944760e04494d'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c504b2c4dc254197b54275dd9d01fdaf'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'code'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'c674340d8c744e1a9aafc8ea2a14eddf'
                        key: {
                            document_key: 'de64784bd4004c02bf8293151777542b'
                            variable: '42f2564b73031300440211d8faf6a777'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c7b0c2bd8d0045439bc310ff7f9f9301'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'incident'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c804dc271f8e4fedb20f0eb265d9949d'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'outcome'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'c8216dca39bb4375991c777dd9d8d385'
                        key: {
                            sys_security_acl: '73fcb0e5c9c143df86f76a942537597e'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c825832082ee498eb33ab84bee0afeee'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c84d8ab3327c4cb4be2733572144be67'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'automation_agent'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c84ecdc8a5fa47bf86e9351a40dfc3eb'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'c86236899ee147059b34356425f9a941'
                        key: {
                            document_key: '594dbb8a885644eea122f98e505c6c4c'
                            variable: '56e6bee65320220002c6435723dc34b9'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'c9822b0cef124ca2a8f08f4925cde689'
                        key: {
                            sys_ui_action: 'de638690148d44a7a91a95ad6ec49051'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'cd1ebb3dc31e42da97aa30c6f7dba868'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'course_name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: 'cd38ffe638484f3c883f2b2e4b6f34a6'
                        key: {
                            field: 'messages'
                            table: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            id: 'a0f1fa9580724b36b71ea7076ff82353'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'cd6fee669be84198a7d041a3d6ea69b2'
                        key: {
                            sys_security_acl: '3d64e1201c0e46a4a89fb5e39bdf2fbc'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'cd7d4eb633b34d518dba377321c6d674'
                        key: {
                            document_key: '0b8df87d583d4f2499dc2735241c7be2'
                            variable: '1778a7480f20101091d0f00c97767e03'
                        }
                    },
                    {
                        table: 'sys_ui_section'
                        id: 'cd81514f35dc4152af46c482e83af00f'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            caption: 'Litmos Training'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'ce8e8302e2a642939a2617bc23573c7e'
                        key: {
                            sys_security_acl: '067e13b9fede4f06931d9565b5afd064'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: 'd053e35f49a54181b29b4a333e2ae08d'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'd0938187d6a54d4c9b4169da99e490f3'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'status'
                            value: 'active'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'd16f50382a8341458aa3ac05c1683d94'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'difference'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd27fbf2ffce04f39ba3e435b2b092500'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'percentage'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd2a10dc524814ec39168ce50ffdfe499'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'course_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'd2bb8429591643a5a7067e3c5ab51ffb'
                        key: {
                            name: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            element: '__dont_treat_as_error__'
                            language: 'en'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: 'd3e0e43263e74603b62b4e6bcbdf4e4b'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd471bb51938d4b768d0ae43368b8371e'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'number'
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_output'
                        id: 'd62e8df1822d42fcb21f56ae322d4807'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'already_assigned'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'd646ce2a87c54eeba6726e6ebb3a79a5'
                        key: {
                            list_id: {
                                id: '927fd9eaf940473e87e169c3245800f3'
                                key: {
                                    name: 'x_litmo_litmos_int_recommendation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'interval_low'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd78ca844d5c040eab6100e1788a35e51'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'assigned_at'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'd8f6677067af44bb8ab854746a7e83b7'
                        key: {
                            document_key: '4f92ba918f5b4130a2449dc90ede5cc4'
                            variable: '6f69fc4aff6433008d3f5d9ad53bf18c'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'd9154ad6e20c475494cdbfa7bdcac0f6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_checked_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'da27db3f2ebb4f37aa19bcf25c83522a'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'related_lists_added'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'da5c466ff2a64f07becaf256d56e25a2'
                        key: {
                            document_key: 'e9f890b99a874a488dc6d25272fa88de'
                            variable: 'c2eb56e853422110248dddeeff7b1261'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: 'db2f0ec1f33e4abf95f6af46dad8ad71'
                        key: {
                            field: 'record_id'
                            table: 'var__m_atf_input_variable_5f2e0e535332120028bc29cac2dc34d3'
                            id: 'b62ea208205d4a3384423f155be7f2c7'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'dc1785c04e024a8c80eef9a19f1e9d28'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'user'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'dc26f004f72b410e9f574427e8b51e27'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'tenant_name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'dcbd8585a8d04bdfae4b463377678260'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'catalog_generation'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'dd8b1038d72a4e22a94a243b1b435f6e'
                        key: {
                            document_key: '26376f7b90ad45e697ef1f54d937c2d1'
                            variable: 'b27b2b29ff6033008d3f5d9ad53bf164'
                        }
                    },
                    {
                        table: 'sys_ui_policy_action'
                        id: 'deb09b483a1241a2b58496cf58385aff'
                        key: {
                            ui_policy: {
                                id: '88d785dc065245e2b97f81055fe7ef34'
                                key: {
                                    table: 'x_litmo_litmos_int_configuration'
                                    short_description: 'Show the activation details once activated'
                                }
                            }
                            field: 'tenant_name'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: 'dfc029e1f47d4d6386cbcef6a7f12a37'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'dfc32fe927bf4b7bbbcab9023dd3d5cd'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'score'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'e11d1959999a46658546ee125d532d06'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'assignment_key'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'e124388b49f44986bf6d8a7782921b4a'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'e13ac2d736f14d8fbacdace3408334ba'
                        key: {
                            sys_security_acl: 'c3a93e3742114dba8974e0113c3e0d42'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e219300ffc694319b0e1f9dcf5d3722f'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'related_lists_added'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e2bb08776ff642b4b3914ac0c1144c28'
                        key: {
                            name: 'x_litmo_litmos_int_course'
                            element: 'description'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'e3cf2eba77af443eb5d39cd100a70ec0'
                        key: {
                            document_key: '14be046ba8834776a632653c673a157c'
                            variable: '6619c7aa5320220002c6435723dc34e2'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'e3e0dac01704497b8e531cfae66d4394'
                        key: {
                            name: 'x_litmo_litmos_int_noted_update'
                            element: 'update_id'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: 'e5758a346a9243379700645134e277bc'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'e652632fb97a4f43b850ae96094b14b4'
                        key: {
                            sys_security_acl: '743aeb68d1dd4a35b73959590212e9c2'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e6df678b702642efbe304ffc08651fb6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'api_key'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e72288a650c44ae89ea2c5cd7a086f81'
                        key: {
                            name: 'var__m_sys_hub_action_input_a0f1fa9580724b36b71ea7076ff82353'
                            element: 'send_message'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e74fbebf9cce46d1ac5541f7ee678880'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'assigned_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'e7ed3781240144e2814a522eb9f79767'
                        key: {
                            list_id: {
                                id: 'fcd8f4ffce3e41679812ffbcb956e353'
                                key: {
                                    name: 'x_litmo_litmos_int_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'score'
                        }
                    },
                    {
                        table: 'sys_hub_step_ext_output'
                        id: 'e86303bf50744953903f5edc834dc3f4'
                        key: {
                            model: '2397dfd31d0644ce9d12f473ad62f1dd'
                            element: 'assigned'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: 'e97804b009a94d2f9967b5e54dd008ea'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_outbox'
                            col_name_string: 'record'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'ec0f181d69fe4babb5806050e83e7397'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_course'
                            element: 'incident'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ec19e125ee574070bd40a1c6e3fe7e42'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'updates_cursor'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'ec6f4450f6a848b79e57db21ca33ae50'
                        key: {
                            list_id: {
                                id: 'fcd8f4ffce3e41679812ffbcb956e353'
                                key: {
                                    name: 'x_litmo_litmos_int_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'course'
                        }
                    },
                    {
                        table: 'sys_ui_list_element'
                        id: 'ed0bb0a6da98492b880ecead4f5d1a97'
                        key: {
                            list_id: {
                                id: 'fcd8f4ffce3e41679812ffbcb956e353'
                                key: {
                                    name: 'x_litmo_litmos_int_training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                    element: 'NULL'
                                    relationship: 'NULL'
                                    parent: 'NULL'
                                }
                            }
                            element: 'completed_at'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: 'ed6440b5feff491d86825b26b0714c2b'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ed9c83949c574d87848caabb9df048bd'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'access_notice'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'eec316b5cac64f2c81641b04b14ae23b'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'assigned_by'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'ef28cccbe79842df8ee2b2ed7df9f597'
                        key: {
                            document_key: '14be046ba8834776a632653c673a157c'
                            variable: 'bc43e004c76733005e5c45b881c26046'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'ef61542245644f34abb6471857311ea3'
                        key: {
                            sys_ui_section: {
                                id: '30bf12c8e7954aacb0ea734b25028e67'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Automation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'automation_agent'
                            position: '0'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'f00ed05a38ac4a2bb2e98ac5daa88e4c'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            element: 'record'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'f0c6d9229ca94eeda11275df91bc98f6'
                        key: {
                            document_key: '1ba52b91c0354bc38a31cc268d4f8b25'
                            variable: '42f2564b73031300440211d8faf6a777'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'f1b768c953a94b1e9bd096217fca7d20'
                        key: {
                            sys_security_acl: 'bed3b8db634a41dda3bab14251bffb07'
                            sys_user_role: {
                                id: '739ee47c5b12486daf8626abc8bd042f'
                                key: {
                                    name: 'admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_user_role_contains'
                        id: 'f2261062faa04ece8dea350171e50232'
                        key: {
                            role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                            contains: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'f30efb654d604859a319db70b3b8af37'
                        key: {
                            sys_security_acl: 'ac066bca735b4deea6d3a0ade49a829b'
                            sys_user_role: {
                                id: 'a3a414aa07664777b48df3ac02f9fc38'
                                key: {
                                    name: 'x_litmo_litmos_int.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'f351088a90424c4b93a480a65f191ec4'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'record'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: 'f51d6cb34d9c4df79111d5a6952df853'
                        deleted: false
                        key: {
                            field: 'script'
                            table: 'var__m_atf_input_variable_41de4a935332120028bc29cac2dc349a'
                            id: '1ba52b91c0354bc38a31cc268d4f8b25'
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'f617234b6e0d4047bd507135b3911a39'
                        key: {
                            sys_ui_section: {
                                id: '4b92abb7a5064e6cbdaffd581485f7b0'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Synchronisation'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: '.begin_split'
                            position: '0'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'f6f186f113a343cc918d3427e0e3a6ab'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'record_table'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: 'f70fbed2f9074367b5f3df9acf57598f'
                        key: {
                            field: 'already_assigned'
                            table: 'var__m_sys_hub_action_output_a0f1fa9580724b36b71ea7076ff82353'
                            id: 'a0f1fa9580724b36b71ea7076ff82353'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'f7580702bb4d462aa56d26e6c4b25d0d'
                        key: {
                            sys_ui_action: '4b3d0a96c72a4025b66576094239ccec'
                            sys_user_role: {
                                id: 'fb9beec6527f40b4b537a0000e2230b7'
                                key: {
                                    name: 'x_litmo_litmos_int.litmos_training_user'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_element'
                        id: 'f79d96d8b1b748e793872dc0223ffe09'
                        key: {
                            sys_ui_section: {
                                id: 'cd81514f35dc4152af46c482e83af00f'
                                key: {
                                    name: 'x_litmo_litmos_int_configuration'
                                    caption: 'Litmos Training'
                                    view: {
                                        id: 'Default view'
                                        key: {
                                            name: 'NULL'
                                        }
                                    }
                                    sys_domain: 'global'
                                }
                            }
                            element: 'status'
                            position: '4'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'f917dc98ad804a3db00cc0a2888005c0'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'backend_url'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: 'f985747c26854ece9683025bccc151c2'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'f9e0deae15254773ac125af79e14ea97'
                        key: {
                            name: 'x_litmo_litmos_int_recommendation'
                            element: 'recommended_for'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'f9e152f12d9e44568ee2a183d9230f53'
                        key: {
                            name: 'x_litmo_litmos_int_outbox'
                            element: 'record'
                        }
                    },
                    {
                        table: 'sys_element_mapping'
                        id: 'faa58c4613714f688414725faa55b165'
                        key: {
                            field: 'send_message'
                            table: 'var__m_sys_hub_step_ext_input_2397dfd31d0644ce9d12f473ad62f1dd'
                            id: '2397dfd31d0644ce9d12f473ad62f1dd'
                        }
                    },
                    {
                        table: 'sys_index'
                        id: 'faec6f7379b944c6af645027ccef42df'
                        key: {
                            logical_table_name: 'x_litmo_litmos_int_agent'
                            col_name_string: 'user'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'faeca658cab34f22a0145f3c969893ba'
                        deleted: true
                        key: {
                            name: 'x_litmo_litmos_int_st_training'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'fb490e21b7e446d8b66e0586209406e6'
                        key: {
                            name: 'x_litmo_litmos_int_configuration'
                            element: 'backend_url'
                        }
                    },
                    {
                        table: 'sys_user_role'
                        id: 'fb9beec6527f40b4b537a0000e2230b7'
                        key: {
                            name: 'x_litmo_litmos_int.litmos_training_user'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'fcd8b9e12f14483ebd235fc074cac1ef'
                        key: {
                            name: 'x_litmo_litmos_int_agent'
                            element: 'source'
                            value: 'admin'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_ui_list'
                        id: 'fcd8f4ffce3e41679812ffbcb956e353'
                        key: {
                            name: 'x_litmo_litmos_int_training'
                            view: {
                                id: 'Default view'
                                key: {
                                    name: 'NULL'
                                }
                            }
                            sys_domain: 'global'
                            element: 'NULL'
                            relationship: 'NULL'
                            parent: 'NULL'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'fe66c18982ec44c48ad96032c7f51d17'
                        key: {
                            document_key: 'b62ea208205d4a3384423f155be7f2c7'
                            variable: 'c2eb56e853422110248dddeeff7b1261'
                        }
                    },
                    {
                        table: 'sys_hub_status_condition'
                        id: 'fee1b5f5c0ca4b9686e72cdbb8a93283'
                        key: {
                            action_status_metadata_id: 'ad8f0b73871144729e2d55a870b7fb7b'
                            order: '1'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: 'fee7544c110c401c8811d8f0e06227b8'
                        key: {
                            document_key: 'e9f890b99a874a488dc6d25272fa88de'
                            variable: '17d732a9c7a333005e5c45b881c26007'
                        }
                    },
                ]
            }
        }
    }
}
