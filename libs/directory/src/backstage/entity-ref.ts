/** A Backstage entity reference, `[kind:][namespace/]name`, with the defaults filled in. */
export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

const DEFAULT_NAMESPACE = 'default';

/** Kinds and namespaces are case-insensitive in Backstage; names keep their case. */
export function parseEntityRef(ref: string, defaultKind: string, defaultNamespace: string = DEFAULT_NAMESPACE): EntityRef {
  const colon = ref.indexOf(':');
  const kind = colon >= 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : defaultNamespace;
  return { kind: kind.toLowerCase(), namespace: namespace.toLowerCase(), name: slash >= 0 ? rest.slice(slash + 1) : rest };
}

/**
 * The Tandem id (team slug, person id, service slug) of an entity: its name in the default
 * namespace, else `namespace__name`; Backstage names never contain `__`, so ids cannot collide.
 */
export function tandemIdOf(ref: Pick<EntityRef, 'namespace' | 'name'>): string {
  return ref.namespace === DEFAULT_NAMESPACE ? ref.name : `${ref.namespace}__${ref.name}`;
}
