export { RecorderModule, RECORDER_GROUP_ID, type RecorderTopics } from './recorder.module';
export { WebhookRecorder, DEAD_LETTER_REASON_HEADER, type WebhookRecorderDependencies } from './webhook-recorder';
export { RecorderMetrics } from './recorder-metrics';
export { readArchivedDelivery, readDelivery, readLogMessage, type DeadLetterReason, type DeliveryReading, type Normalizing } from './read-delivery';
export { recordDeliveries, type RecordedBatch, type RecordingDependencies } from './record-deliveries';
export { DeliveryTally } from './delivery-tally';
