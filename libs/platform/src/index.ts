export { apiResolvers, AppModule, type AppModuleOptions } from './app.module.js';
export { createApiApplication, listen, listenOn } from './bootstrap.js';
export { superviseApiWorkers } from './cluster/api-cluster.js';
export { entities } from './entities.js';
export { createHttpAdapter } from './http-adapter.js';
export { externalConfig, platformModules } from './platform.js';
