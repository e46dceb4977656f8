import type { Type } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';

/** What `InProcessModule.start` loads: the module to compile, and anything else the test needs of that load. */
export interface ModuleLoad<Extra> {
  module: Type<unknown>;
  /** Classes or tokens loaded alongside the module (tokens of another load do not match its providers). */
  extra: Extra;
}

export interface InProcessModuleOptions<Extra> {
  /** Set in process.env before the module's files are imported and while it compiles and starts. */
  env: Record<string, string>;
  /**
   * Loads the module (and `extra`); runs inside the start's own module registry, e.g.
   * `async () => ({ module: jest.requireActual<typeof import('../src/app.module')>('../src/app.module').AppModule, extra: {} })`.
   */
  load: () => Promise<ModuleLoad<Extra>>;
}

/**
 * A service's real Nest module compiled with `@nestjs/testing` and started in the test process: the system
 * under test of a flow test. Each start imports the module's files afresh (`jest.isolateModulesAsync`) with
 * `env` set, so settings read when a file is imported (a module's `forRoot(...)` arguments, the instance id)
 * are this start's: two starts in one test file are two instances with their own identity and configuration.
 * `close()` runs the module's shutdown hooks (the instance leaves the cluster, its connections close).
 */
export class InProcessModule<Extra = Record<string, never>> {
  private closed = false;

  private constructor(
    private readonly ref: TestingModule,
    /** What `load` returned besides the module, from this start's own imports. */
    readonly extra: Extra,
  ) {}

  static async start<Extra>(opts: InProcessModuleOptions<Extra>): Promise<InProcessModule<Extra>> {
    Object.assign(process.env, opts.env);
    let started: InProcessModule<Extra> | undefined;
    // Compile and init inside the isolated registry too: Nest and TypeORM load some files lazily, and those
    // must be the copies this module's classes were declared with.
    await jest.isolateModulesAsync(async () => {
      const { Test } = await import('@nestjs/testing');
      const { module, extra } = await opts.load();
      const ref = await Test.createTestingModule({ imports: [module] }).compile();
      try {
        await ref.init();
      } catch (err) {
        await ref.close().catch(() => undefined);
        throw err;
      }
      started = new InProcessModule(ref, extra);
    });
    return started!;
  }

  /** A provider of the module, by a token of this start's own load (see `extra`). */
  get<T>(token: Type<T> | string | symbol): T {
    return this.ref.get<T>(token, { strict: false });
  }

  /** Runs the shutdown hooks once; later calls do nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ref.close();
  }
}
