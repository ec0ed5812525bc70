// Exits 0 when a Kafka broker answers a metadata request on 127.0.0.1:<port>, 1 otherwise.
// Used by start.sh; plain JavaScript so that it runs with node alone (kafkajs comes from the
// repository's node_modules).
/* global process */

async function brokerAnswers(port) {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({
    clientId: 'tandem-local-kafka-probe',
    brokers: [`127.0.0.1:${port}`],
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

brokerAnswers(process.argv[2] ?? '9092').then(
  () => process.exit(0),
  () => process.exit(1),
);
