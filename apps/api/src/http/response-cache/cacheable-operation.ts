import { Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { parseWithLimits } from '../../graphql/limits/query-limits';

/**
 * Root fields whose answer is a function of the KPI read model's checkpoint (and definitions
 * version), the directory, the arguments and the viewer's access class alone: no side effects,
 * nothing audited (`people`, `unresolvedIdentities` and `Team.members` are; see also
 * RequestState.audited), nothing from another projection's checkpoint (the recognition feed and
 * totals), nothing about the token itself (`viewer`, `apiTokens`, `reportJob`).
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['kpis', 'kpiSeries', 'reviewMatrix', 'incidents', 'explain', 'teams', 'services', '__typename']);

/**
 * `asOf` reads the event store up to an instant, not the checkpoint: until the store has recorded
 * past the instant, the same document may answer differently at the same checkpoint.
 */
const UNCACHEABLE_ARGUMENTS: ReadonlySet<string> = new Set(['asOf']);

/**
 * Whether the operation a request runs may be answered from the response cache: a query (never a
 * mutation or subscription) whose every root selection is an allow-listed field, with no argument
 * that reads beyond the checkpoint. Anything the parser or this check does not recognise is not:
 * the drivers then answer it (and its errors) as ever.
 */
export function isCacheableOperation(query: string, operationName: string | undefined): boolean {
  let document: DocumentNode;
  try {
    document = parseWithLimits(query);
  } catch {
    return false;
  }
  const operation = operationOf(document, operationName);
  if (operation?.operation !== 'query') return false;
  const rootFieldsAllowed = operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value));
  return rootFieldsAllowed && !mentionsUncacheableArgument(document);
}

/** The operation GraphQL would run: the one named, or the only one. */
function operationOf(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName === undefined) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((operation) => operation.name?.value === operationName);
}

function mentionsUncacheableArgument(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(argument) {
      if (UNCACHEABLE_ARGUMENTS.has(argument.name.value)) found = true;
    },
  });
  return found;
}

