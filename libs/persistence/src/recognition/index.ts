export * from './recognition-tables';
export { RECOGNITION_MIGRATIONS } from './recognition.migrations';
export {
  RecognitionCheckpointConflict,
  RecognitionFeedRepository,
  type CountedRecognitionRow,
  type GivenKudosRow,
  type RecognitionFeedEntry,
  type RecognitionFeedQuery,
  type RecognitionFeedWrite,
  type StoredRecognition,
} from './recognition-feed-repository';
