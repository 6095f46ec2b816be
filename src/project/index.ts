export { compile, DEFAULT_CATALOG_FILE, type LoadOptions, loadProject, type Project } from './load'
