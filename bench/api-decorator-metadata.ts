/**
 * tsx (esbuild) emits no decorator metadata. Every type of the API's resolvers is explicit, but
 * @nestjs/graphql's `@Args` still indexes the method's `design:paramtypes` and fails when there is
 * none; an empty list stands for the missing metadata (nothing else reads it: constructors inject
 * by explicit token). Imported before the API by the benchmark; compiled code is not concerned.
 */
import 'reflect-metadata';

const getMetadata = Reflect.getMetadata.bind(Reflect);
Reflect.getMetadata = ((key: unknown, target: object, property?: string | symbol) =>
  getMetadata(key, target, property as string | symbol) ?? (key === 'design:paramtypes' ? [] : undefined)) as typeof Reflect.getMetadata;
