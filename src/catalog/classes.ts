/**
 * Classes as owners: the vocabulary that says which methods release a class, which calls
 * release one of its fields, and which values a class received rather than created (DI
 * decorators, container lookups). Data only; `src/analysis/engine/class-owners.ts` reads it.
 */
import type { ExportRef } from './types.js';
import { RELEASE_METHODS } from './vocabulary.js';

/**
 * Methods that release a class instance (besides `[Symbol.dispose]`/`[Symbol.asyncDispose]`).
 * Rules take more through their `releaseMethods` option.
 */
export const CLASS_RELEASE_METHODS: readonly string[] = [
  'dispose',
  'close',
  'destroy',
  'end',
  'shutdown',
  'stop',
  'disconnect',
  'terminate',
];

/** Framework hooks that run when an instance is torn down: release methods too. */
export const FRAMEWORK_RELEASE_HOOKS: readonly string[] = [
  // NestJS
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
  // Angular, Lit / custom elements, React class components
  'ngOnDestroy',
  'disconnectedCallback',
  'componentWillUnmount',
];

/**
 * Calls on a field that release what it holds, whatever the resource: the catalog entry's own
 * release methods are added per field. Generous on purpose: a missed release would be a false
 * report.
 */
export const FIELD_RELEASE_VERBS: readonly string[] = [
  ...RELEASE_METHODS,
  'disposeAsync',
  '$disconnect',
  'shutdown',
  'stop',
  'unsubscribe',
  'return',
];

/**
 * Calls that surely end what a field holds: releasing a value the class was given with one of
 * these is `no-dispose-injected`'s report. Narrower than `FIELD_RELEASE_VERBS` (no `stop`,
 * `abort`, `release`: pausing a service or returning a lease can be the receiver's job).
 */
export const ENDING_VERBS: readonly string[] = [
  ...RELEASE_METHODS.filter((name) => name !== 'release' && name !== 'abort'),
  'disposeAsync',
  '$disconnect',
  'shutdown',
  '[Symbol.dispose]',
  '[Symbol.asyncDispose]',
];

/** Function forms that release a timer handle held in a field: `clearInterval(this.t)`. */
export const TIMER_CLEARERS: readonly string[] = [
  'clearInterval',
  'clearTimeout',
  'clearImmediate',
];

/**
 * Class decorators of DI containers: every constructor parameter of such a class is injected
 * (NestJS `@Injectable()`, TypeDI `@Service()`, InversifyJS / TSyringe `@injectable()`).
 */
export const DI_CLASS_DECORATORS: readonly string[] = [
  'Injectable',
  'Service',
  'injectable',
  'singleton',
  'scoped',
  'autoInjectable',
  'Controller',
  'Resolver',
  'WebSocketGateway',
  'Processor',
];

/**
 * Class decorators of DI modules: a NestJS `@Module()` class owns the providers it builds with
 * `useFactory`, so releasing what it is given is its job.
 */
export const DI_MODULE_DECORATORS: readonly string[] = ['Module', 'Global'];

/**
 * Parameter and field decorators that inject a value a framework module creates and closes
 * (TypeORM, Mongoose, Sequelize, Bull, the Nest Redis modules): never the class's to release.
 */
export const MANAGED_INJECTORS: readonly string[] = [
  'InjectRepository',
  'InjectDataSource',
  'InjectConnection',
  'InjectEntityManager',
  'InjectModel',
  'InjectQueue',
  'InjectFlowProducer',
  'InjectRedis',
  'InjectKnex',
  'InjectSequelize',
  'Autowired',
];

/**
 * Decorators that inject by token (`@Inject(REDIS)`): the value may come from a factory that
 * nothing else closes, so releasing it is the class's choice.
 */
export const TOKEN_INJECTORS: readonly string[] = ['Inject', 'inject', 'Optional', 'optional'];

/** Container lookups: `container.get(Token)`, `moduleRef.get(Service)`, `app.get(Pool)`. */
export const CONTAINER_LOOKUP = {
  /** The receiver's name (last property or identifier), case-insensitive. */
  receivers:
    /^(container|moduleRef|injector|app|application|serviceProvider|services|locator|serviceLocator|di|ioc|kernel)$/i,
  methods: ['get', 'resolve', 'getService', 'getRequiredService', 'make', 'inject'],
  /** Functions that read from the ambient injector (`inject(Token)`). */
  functions: ['inject'],
} as const;

/**
 * Base classes that bring no release method of their own: a class extending one is judged by
 * its own members. Any other base from another module might release the subclass's fields.
 */
export const PLAIN_BASES: readonly ExportRef[] = [
  { module: 'events', path: ['EventEmitter'] },
  { module: 'events', path: [] },
  { module: 'global', path: ['EventTarget'] },
  { module: 'global', path: ['Error'] },
  { module: 'global', path: ['Object'] },
];
