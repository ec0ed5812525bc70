export { RecorderModule, RECORDER_GROUP_ID } from './recorder.module';
export { WebhookRecorder } from './webhook-recorder';
