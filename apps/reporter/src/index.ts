export { ReporterModule, type ReporterOptions } from './reporter.module';
