/**
 * A hand-written stand-in for a generated client, written the way the code generator emits it
 * (entity interfaces with query facts, EntityTypeMap, QueryResultMap, schema metadata, `q`).
 * Used by the query-builder unit tests (test/unit/query-*.test.ts) for schema features in isolation;
 * the type tests use the real generated demo client (`generated/`).
 */
import type { Dayjs } from 'dayjs';
import { createQueryRoot, type Collection, type Entity, type KeyValueMap, type SchemaMetadata } from 'ftrack-codegen';
import { miniSchemas } from './mini-schema.js';

/** A custom attribute value (`variable`). */
export type CustomValue = string | number | boolean | Dayjs | null;

export interface Context extends Entity<'Project' | 'Shot' | 'Task'> {
  readonly $primaryKeyNames?: 'id';
  readonly $defaultProjections?: 'context_type' | 'id' | 'name';
  readonly id: string;
  name: string;
  context_type: string;
  parent_id: string | null;
  parent: Context | null;
  children: Collection<Context>;
  readonly created_at: Dayjs | null;
  created_by: User | null;
  readonly thumbnail_url: { readonly url: string; readonly value: string } | null;
  notes: Collection<Note>;
  metadata: KeyValueMap<string>;
  custom_attributes: KeyValueMap<CustomValue>;
}

export interface Project extends Context {
  readonly $type: 'Project';
  full_name: string;
  status: string;
  start_date: Dayjs | null;
  end_date: Dayjs | null;
  is_global: boolean;
  tasks: Collection<Task>;
}

export interface TypedContext extends Context {
  readonly $type: 'Shot' | 'Task';
  bid: number;
  sort: number;
  start_date: Dayjs | null;
  status_id: string;
  status: Status | null;
  project_id: string;
  project: Project | null;
  timelogs: Collection<Timelog>;
  assignee: User | null;
}

export interface Shot extends TypedContext {
  readonly $type: 'Shot';
}

export interface Task extends TypedContext {
  readonly $type: 'Task';
}

export interface Status extends Entity<'Status'> {
  readonly $primaryKeyNames?: 'id';
  readonly $defaultProjections?: 'id';
  readonly id: string;
  name: string;
  sort: number;
  is_active: boolean;
}

export interface User extends Entity<'User'> {
  readonly $primaryKeyNames?: 'id';
  readonly $defaultProjections?: 'id';
  readonly id: string;
  username: string;
  first_name: string | null;
  is_active: boolean;
  preferred_setting: Setting | null;
  timelogs: Collection<Timelog>;
}

export interface Timelog extends Entity<'Timelog'> {
  readonly $primaryKeyNames?: 'id';
  readonly $defaultProjections?: 'id';
  readonly id: string;
  start: Dayjs;
  duration: number;
  comment: string | null;
  user: User | null;
  context: Context | null;
}

export interface Note extends Entity<'Note'> {
  readonly $primaryKeyNames?: 'id';
  readonly $defaultProjections?: 'id';
  readonly id: string;
  content: string;
  author: User | null;
  replies: Collection<Note>;
}

export interface Metadata extends Entity<'Metadata'> {
  readonly $primaryKeyNames?: 'parent_id' | 'key';
  readonly $defaultProjections?: 'parent_id' | 'key' | 'value';
  readonly parent_id: string;
  readonly key: string;
  value: string;
  parent_type: string;
}

export interface CustomAttributeValue extends Entity<'CustomAttributeValue'> {
  readonly $primaryKeyNames?: 'configuration_id' | 'entity_id';
  readonly $defaultProjections?: 'configuration_id' | 'entity_id' | 'key';
  readonly configuration_id: string;
  readonly entity_id: string;
  readonly key: string;
  value: CustomValue;
}

export interface Setting extends Entity<'Setting'> {
  readonly $primaryKeyNames?: 'name' | 'group';
  readonly $defaultProjections?: 'name' | 'group' | 'value';
  readonly name: string;
  readonly group: string;
  value: string;
}

/** Entity type name → entity interface. */
export interface EntityTypeMap {
  Context: Context;
  CustomAttributeValue: CustomAttributeValue;
  Metadata: Metadata;
  Note: Note;
  Project: Project;
  Setting: Setting;
  Shot: Shot;
  Status: Status;
  Task: Task;
  Timelog: Timelog;
  TypedContext: TypedContext;
  User: User;
}

/** Entity type name → what `from <name>` returns (abstract types: their concrete subtypes). */
export interface QueryResultMap extends Omit<EntityTypeMap, 'Context' | 'TypedContext'> {
  Context: Project | Shot | Task;
  TypedContext: Shot | Task;
}

export const schemaMetadata: SchemaMetadata = { schemaHash: 'mini', schemas: miniSchemas };

/** One query builder per entity type. */
export const q = createQueryRoot<EntityTypeMap, QueryResultMap>(schemaMetadata);
