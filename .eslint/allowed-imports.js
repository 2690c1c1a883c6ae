// The dependency rule of ARCHITECTURE.md as an allowlist: each zone names the folders and packages its
// production files may import; anything else, and any test double, is refused. Relative imports are
// resolved against the importing file, so `../../contract` and `../contract` are judged alike.
import path from 'node:path';

/** True when `target` (a path relative to the root, with `/`) lies in `folder` or is it. */
const inFolder = (target, folder) => target === folder || target.startsWith(`${folder}/`);

/** True when the bare specifier `source` is one of `packages` (`name`, `name/*`, `node:*`). */
const isAllowedPackage = (source, packages) =>
  packages.some((allowed) =>
    allowed.endsWith('/*') || allowed.endsWith(':*')
      ? source.startsWith(allowed.slice(0, -1))
      : source === allowed,
  );

/** A test double or test harness: a `test-support/` folder anywhere, or the top-level `test/`. */
const isTestSupport = (target) => /(^|\/)test-support(\/|$)/.test(target) || inFolder(target, 'test');

/** The `allowed-imports` rule, with paths resolved against `root` (the repository). */
export function allowedImportsRule(root) {
  return {
    meta: {
      type: 'problem',
      schema: [
        {
          type: 'object',
          properties: {
            zone: { type: 'string' },
            folders: { type: 'array', items: { type: 'string' } },
            packages: { type: 'array', items: { type: 'string' } },
          },
          required: ['zone', 'folders', 'packages'],
          additionalProperties: false,
        },
      ],
      messages: {
        testDouble: '{{zone}}/ production code may not import a test double or test harness ({{source}}).',
        folder: '{{zone}}/ may import only {{allowed}}; not {{source}}.',
        package: '{{zone}}/ may import only the packages {{allowed}}; not {{source}}.',
      },
    },
    create(context) {
      const { zone, folders, packages } = context.options[0];
      const check = (node, source) => {
        if (typeof source !== 'string') return;
        if (source.startsWith('.')) {
          const absolute = path.resolve(path.dirname(context.filename), source);
          const target = path.relative(root, absolute).split(path.sep).join('/');
          if (isTestSupport(target)) {
            context.report({ node, messageId: 'testDouble', data: { zone, source } });
          } else if (!folders.some((folder) => inFolder(target, folder))) {
            context.report({
              node,
              messageId: 'folder',
              data: { zone, source, allowed: folders.join(', ') },
            });
          }
        } else if (!isAllowedPackage(source, packages)) {
          const allowed = packages.length > 0 ? packages.join(', ') : '(none)';
          context.report({ node, messageId: 'package', data: { zone, source, allowed } });
        }
      };
      return {
        ImportDeclaration: (node) => check(node, node.source.value),
        ExportAllDeclaration: (node) => check(node, node.source.value),
        ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
        ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.source?.value),
      };
    },
  };
}
