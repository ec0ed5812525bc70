// Test-only (through `@tandem/recognition-testing`): the vendors' chat samples as the recorder
// stores them, for the tests of the recognizer outside this lib.
export { chatFixture, recordedChatEvents, recordedDelivery, withField } from './chat-fixtures';
