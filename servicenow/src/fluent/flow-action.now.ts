// The Flow Designer action "Assign Litmos courses", for customers' own flows
// (knowledge article viewed, CI, priority, ...): inputs record (an incident or a CSM
// case: both are tasks), courses (Litmos course ids, comma-separated) and send message;
// outputs assigned, already assigned and messages. One script step runs the course
// window's assignment path (src/server/flow-assign.js) as the configured automation
// agent; a refusal or failure fails the action with the reason as its status message.
import '@servicenow/sdk/global'
import { BooleanColumn, ReferenceColumn, StringColumn } from '@servicenow/sdk/core'
import { Action, actionStep, wfa } from '@servicenow/sdk/automation'

export const assignLitmosCourses = Action(
    {
        $id: Now.ID['flow-action-assign-litmos-courses'],
        name: 'Assign Litmos courses',
        description:
            "Assigns Litmos courses to the learner of an incident (its Caller) or a CSM case (its contact, else its consumer's user), as the Configurations record's automation agent, through the same path as an agent's Assign Courses.",
        category: 'Litmos Training',
        access: 'public',
        inputs: {
            record: ReferenceColumn({ label: 'Record (incident or case)', referenceTable: 'task', mandatory: true }),
            courses: StringColumn({ label: 'Courses (Litmos course ids, comma-separated)', maxLength: 4000, mandatory: true }),
            send_message: BooleanColumn({ label: 'Send message (Litmos e-mails the learner)', default: false }),
        },
        outputs: {
            assigned: StringColumn({ label: 'Assigned', maxLength: 4000 }),
            already_assigned: StringColumn({ label: 'Already assigned', maxLength: 4000 }),
            messages: StringColumn({ label: 'Messages', maxLength: 8000 }),
        },
    },
    (params) => {
        const step = wfa.actionStep(
            actionStep.script,
            { $id: Now.ID['flow-step-assign-litmos-courses'], label: 'Assign through Litmos Training' },
            {
                required_run_time: 'instance',
                script: Now.include('../flow/assign-litmos-courses.step.js'),
                inputVariables: {
                    record: { label: 'Record', value: wfa.dataPill(params.inputs.record, 'reference') },
                    courses: { label: 'Courses', value: wfa.dataPill(params.inputs.courses, 'string') },
                    send_message: { label: 'Send message', value: wfa.dataPill(params.inputs.send_message, 'boolean') },
                },
                outputVariables: {
                    assigned: StringColumn({ label: 'Assigned', maxLength: 4000 }),
                    already_assigned: StringColumn({ label: 'Already assigned', maxLength: 4000 }),
                    messages: StringColumn({ label: 'Messages', maxLength: 8000 }),
                    error: StringColumn({ label: 'Error', maxLength: 4000 }),
                },
            },
        )
        wfa.errorEvaluation([
            {
                label: 'Litmos Training did not assign',
                condition: `${wfa.dataPill(step.error, 'string')}ISNOTEMPTY`,
                status: { code: 1, message: `${wfa.dataPill(step.error, 'string')}` },
            },
        ])
        wfa.assignActionOutputs(params.outputs, {
            assigned: wfa.dataPill(step.assigned, 'string'),
            already_assigned: wfa.dataPill(step.already_assigned, 'string'),
            messages: wfa.dataPill(step.messages, 'string'),
        })
    },
)
