import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  isAbstractType,
  typeFromAST,
  type FieldNode,
  type FragmentSpreadNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type InlineFragmentNode,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';

type Fields = Map<string, FieldNode[]>;

/**
 * The arguments of every selection of `fieldName` on the object the resolving field belongs to, by
 * response key (an alias, or the field's name): what the field's siblings will be asked for in the
 * same response. Fragments, type conditions, variables, argument defaults and @skip/@include apply
 * as GraphQL executes them; `Args` is the type the schema coerces them to. It lets a field
 * resolver read once, for all its siblings, what must be read together.
 */
export function siblingFieldArgs<Args extends object = Record<string, unknown>>(
  info: GraphQLResolveInfo,
  fieldName: string,
): Map<string, Args> {
  // The path from the operation to the resolving field, without list indexes: each key with the
  // type of the object that holds it.
  const steps: Array<{ key: string; typename: string }> = [];
  for (let step: GraphQLResolveInfo['path'] | undefined = info.path; step; step = step.prev)
    if (typeof step.key === 'string') steps.unshift({ key: step.key, typename: step.typename ?? '' });
  const root = info.schema.getRootType(info.operation.operation);
  if (root === undefined || root === null) return new Map();
  let fields = collect(info, root, [info.operation.selectionSet]);
  for (let i = 0; i < steps.length - 1; i += 1) {
    const holder = info.schema.getType(steps[i + 1].typename) as GraphQLObjectType;
    const selections = (fields.get(steps[i].key) ?? []).flatMap((node) =>
      node.selectionSet === undefined ? [] : [node.selectionSet],
    );
    fields = collect(info, holder, selections);
  }
  const definition = info.parentType.getFields()[fieldName];
  const found = new Map<string, Args>();
  if (definition === undefined) return found;
  for (const [key, nodes] of fields)
    if (nodes[0].name.value === fieldName)
      found.set(key, getArgumentValues(definition, nodes[0], info.variableValues) as Args);
  return found;
}

/** The fields selection sets select on an object of `type`, by response key. */
function collect(
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  fields: Fields = new Map(),
  spread = new Set<string>(),
): Fields {
  for (const { selections } of selectionSets)
    for (const selection of selections) {
      if (!included(info, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(info, selection.typeCondition, type))
          collect(info, type, [selection.selectionSet], fields, spread);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment === undefined || spread.has(fragment.name.value)) continue;
        spread.add(fragment.name.value);
        if (applies(info, fragment.typeCondition, type))
          collect(info, type, [fragment.selectionSet], fields, spread);
      }
    }
  return fields;
}

function included(
  info: GraphQLResolveInfo,
  node: FieldNode | FragmentSpreadNode | InlineFragmentNode,
): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

function applies(
  info: GraphQLResolveInfo,
  condition: NamedTypeNode | undefined,
  type: GraphQLObjectType,
): boolean {
  if (condition === undefined) return true;
  const conditionType = typeFromAST(info.schema, condition);
  if (conditionType === type) return true;
  return isAbstractType(conditionType) && info.schema.isSubType(conditionType, type);
}
