import { isMap, isNode, isScalar, type Document, type LineCounter } from 'yaml';
import type { OrganizationFileIssue } from './organization-file-error';

export type YamlPath = readonly PropertyKey[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `people[2].memberships[0].team`; keys that are not plain words are quoted: `annotations["a/b"]`. */
export function formatPath(path: YamlPath): string {
  return path
    .map((key, position) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!PLAIN_KEY.test(name)) return `[${JSON.stringify(name)}]`;
      return position === 0 ? name : `.${name}`;
    })
    .join('');
}

/** Turns a path in one YAML document into an issue with the line and column of its node. */
export class YamlLocator {
  constructor(
    private readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /**
   * Points at the key the path ends with (`team` in `team: paymnts`), at the item for a list
   * index, and, for something missing, at the nearest thing above it that is there.
   */
  issue(path: YamlPath, message: string): OrganizationFileIssue {
    const { line, col } = this.lineCounter.linePos(this.offsetOf(path));
    return { file: this.file, line, col, path: formatPath(path), message };
  }

  private offsetOf(path: YamlPath): number {
    for (let depth = path.length; depth > 0; depth -= 1) {
      const offset = this.keyOffset(path.slice(0, depth - 1), path[depth - 1]) ?? this.nodeOffset(path.slice(0, depth));
      if (offset !== undefined) return offset;
    }
    return this.nodeOffset([]) ?? 0;
  }

  private nodeAt(path: YamlPath): unknown {
    return path.length === 0 ? this.document.contents : this.document.getIn(path, true);
  }

  private nodeOffset(path: YamlPath): number | undefined {
    const node = this.nodeAt(path);
    return isNode(node) ? node.range?.[0] : undefined;
  }

  private keyOffset(parentPath: YamlPath, key: PropertyKey): number | undefined {
    const parent = this.nodeAt(parentPath);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    return pair && isNode(pair.key) ? pair.key.range?.[0] : undefined;
  }
}

/** The YAML syntax errors of a document, located like every other issue. */
export function syntaxIssues(file: string, document: Document, lineCounter: LineCounter): OrganizationFileIssue[] {
  return document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { file, line, col, path: '', message: `YAML syntax error: ${error.message}` };
  });
}

/**
 * The document as plain values whose strings are copies, not slices of the source text: V8 keeps
 * substrings as slices, which would keep the whole file alive and make every id a slow map key.
 */
export function plainValueOf(document: Document): unknown {
  return structuredClone(document.toJS());
}
