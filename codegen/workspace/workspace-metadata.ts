/**
 * What generation reads from a workspace besides its schema: custom attribute configurations and
 * the workspace values (statuses, types, priorities, object types, states, and what each project
 * schema allows per object type). Read by `readWorkspace` from live answers, saved inside the
 * workspace document (`--save-schema`). Every list is sorted (deterministic files).
 */
export interface WorkspaceMetadata {
  readonly customAttributes: readonly CustomAttributeConfig[];
  readonly statuses: readonly StatusValue[];
  readonly types: readonly WorkspaceValue[];
  readonly priorities: readonly WorkspaceValue[];
  readonly objectTypes: readonly ObjectTypeValue[];
  readonly states: readonly WorkspaceValue[];
  readonly projectSchemas: readonly ProjectSchemaValues[];
}

/** The value type of a custom attribute (`CustomAttributeType.name`); others are kept as named. */
export type CustomAttributeType = 'number' | 'text' | 'boolean' | 'date' | 'enumerator' | 'dynamic enumerator' | 'url' | 'expression' | (string & {});

/** One option of an enumerator (`config.data`). */
export interface EnumeratorOption {
  readonly menu: string;
  readonly value: string;
}

/**
 * One custom attribute configuration. It applies to entities of table `entityType` (`show`,
 * `task`, `asset`, `assetversion`, `list`, `user`), of object type `objectTypeId` when set (typed
 * contexts), in project `projectId` when set; hierarchical ones also to every project, typed
 * context, asset and version.
 */
export interface CustomAttributeConfig {
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly type: CustomAttributeType;
  readonly entityType: string | null;
  readonly objectTypeId: string | null;
  readonly projectId: string | null;
  readonly isHierarchical: boolean;
  /** The default as the server sent it (wire form: datetimes stay `{__type__, value}`). */
  readonly default: unknown;
  /** The `config` JSON blob, parsed (`{}` when absent or unreadable: a warning says so). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Enumerators: the options of `config.data`; otherwise empty. */
  readonly options: readonly EnumeratorOption[];
  /** Enumerators: `config.multiSelect`. */
  readonly multiSelect: boolean;
}

/** A named workspace value (type, priority, state). */
export interface WorkspaceValue {
  readonly id: string;
  readonly name: string;
  readonly sort: number | null;
}

/** A status and its state. */
export interface StatusValue extends WorkspaceValue {
  readonly stateId: string | null;
}

/** An object type and the flags that say what its contexts carry. */
export interface ObjectTypeValue extends WorkspaceValue {
  readonly isLeaf: boolean | null;
  readonly isTaskable: boolean | null;
  readonly isTypeable: boolean | null;
  readonly isStatusable: boolean | null;
  readonly isPrioritizable: boolean | null;
}

/** What one project schema allows (ids, sorted). */
export interface ProjectSchemaValues {
  readonly id: string;
  readonly name: string;
  /** Object types its projects may hold. */
  readonly objectTypeIds: readonly string[];
  /** Task statuses (the task workflow's), task types (the task-type schema's), version statuses. */
  readonly taskStatusIds: readonly string[];
  readonly taskTypeIds: readonly string[];
  readonly versionStatusIds: readonly string[];
  /** Per object type (`Schema` rows): the statuses and types its contexts may have. */
  readonly objectTypes: readonly { readonly objectTypeId: string; readonly statusIds: readonly string[]; readonly typeIds: readonly string[] }[];
  /** Task workflow overrides: tasks of `typeId` use these statuses instead. */
  readonly overrides: readonly { readonly typeId: string; readonly statusIds: readonly string[] }[];
}

/** Stable codes of what the workspace reader read best-effort. */
export type WorkspaceWarningCode = 'workspace_unavailable' | 'invalid_record' | 'invalid_config' | 'truncated_answer';

/**
 * One thing the workspace reader skipped or read best-effort.
 *
 * @example
 * { code: 'invalid_config', message: 'CustomAttributeConfiguration 1d99… (stage): config is not JSON: read as {}.' }
 */
export interface WorkspaceWarning {
  readonly code: WorkspaceWarningCode;
  readonly message: string;
}

/** Receives workspace warnings (the generator: `report`). */
export type WorkspaceWarningHandler = (warning: WorkspaceWarning) => void;
