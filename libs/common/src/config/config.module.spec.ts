import { Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { configModule, readConfig } from './config.module';
import { int, list } from './env-kit';
import { ConfigError } from './load-config';

const schema = z.object({
  CONFIG_SPEC_SIZE: int(5, 'a size', { min: 1, max: 9 }),
  CONFIG_SPEC_HOSTS: list('hosts'),
});
type SpecEnv = z.output<typeof schema>;

@Injectable()
class NeedsConfig {
  constructor(readonly config: ConfigService<SpecEnv, true>) {}
}

@Module({ providers: [NeedsConfig] })
class FeatureModule {}

describe('configModule', () => {
  afterEach(() => {
    delete process.env.CONFIG_SPEC_SIZE;
    delete process.env.CONFIG_SPEC_HOSTS;
    delete process.env.CONFIG_SPEC_OTHER;
  });

  const build = () => Test.createTestingModule({ imports: [configModule(schema), FeatureModule] }).compile();

  it('reads the environment when the application is built, not when the module is declared', async () => {
    const declared = configModule(schema);
    process.env.CONFIG_SPEC_SIZE = '7';
    const app = await Test.createTestingModule({ imports: [declared, FeatureModule] }).compile();
    expect(app.get(NeedsConfig).config.get('CONFIG_SPEC_SIZE', { infer: true })).toBe(7);
    await app.close();
  });

  it('gives every module the typed values, and only what the schema declares', async () => {
    process.env.CONFIG_SPEC_HOSTS = 'a, b';
    process.env.CONFIG_SPEC_OTHER = 'not declared';
    const app = await build();
    const config = app.get(NeedsConfig).config;
    expect(config.get('CONFIG_SPEC_SIZE', { infer: true })).toBe(5);
    expect(config.get('CONFIG_SPEC_HOSTS', { infer: true })).toEqual(['a', 'b']);
    expect(app.get(ConfigService).get('CONFIG_SPEC_OTHER')).toBeUndefined();
    expect(readConfig(app.get(ConfigService), schema)).toEqual({
      CONFIG_SPEC_SIZE: 5,
      CONFIG_SPEC_HOSTS: ['a', 'b'],
    });
    await app.close();
  });

  it('stops the build with a ConfigError naming the variable', async () => {
    process.env.CONFIG_SPEC_SIZE = '12';
    const failure = await build().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      { variable: 'CONFIG_SPEC_SIZE', message: 'must be an integer from 1 to 9 (got "12")' },
    ]);
  });
});
