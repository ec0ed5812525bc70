export { ProjectorModule, PROJECTOR_UPDATES, type ProjectorSettings } from './projector.module';
