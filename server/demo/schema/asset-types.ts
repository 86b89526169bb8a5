import {
  boolean,
  collection,
  dateTime,
  entity,
  foreignKey,
  integer,
  mappedArray,
  object,
  reference,
  string,
  uid,
  type SchemaEntry,
} from './builders.js';

// Published work: AssetType, Asset (on a context), AssetVersion and its components
// (Component ← FileComponent, told apart by `system_type`).

const assetType = entity({
  id: 'AssetType',
  properties: {
    id: uid('typeid'),
    name: string(),
    short: string({ description: 'Short code used in file names, e.g. "geo".' }),
    component: string({ default: 'main', description: 'Name of the main component of versions.' }),
    assets: collection('Asset'),
  },
  required: ['id', 'name', 'short'],
});

const asset = entity({
  id: 'Asset',
  properties: {
    id: uid('assetid'),
    name: string(),
    context_id: foreignKey('Context', { alias: 'contextid' }),
    parent: reference('Context', { alias: 'context', description: 'The context the asset belongs to (context_id).' }),
    type_id: foreignKey('AssetType', { alias: 'typeid' }),
    type: reference('AssetType'),
    project_id: foreignKey('Project'),
    versions: collection('AssetVersion'),
    metadata: mappedArray('Metadata', { alias: 'meta' }),
  },
  required: ['id', 'name', 'context_id'],
  systemProjections: ['context_id'],
  groupBy: true,
});

const assetVersion = entity({
  id: 'AssetVersion',
  properties: {
    id: uid('versionid'),
    version: integer({ description: 'Version number, from 1 per asset.' }),
    comment: string({ default: '' }),
    date: dateTime(),
    is_published: boolean({ alias: 'ispublished', default: true }),
    asset_id: foreignKey('Asset', { alias: 'assetid' }),
    asset: reference('Asset'),
    task_id: foreignKey('Task', { alias: 'taskid' }),
    task: reference('Task', { description: 'The task the version was made for.' }),
    user_id: foreignKey('User', { alias: 'userid' }),
    user: reference('User'),
    status_id: foreignKey('Status', { alias: 'statusid' }),
    status: reference('Status'),
    thumbnail_id: foreignKey('Component', { alias: 'thumbid' }),
    thumbnail: reference('Component', { alias: 'thumb' }),
    thumbnail_url: object(),
    project_id: foreignKey('Project'),
    link: string({ alias: '_api_link', description: 'Path from the project down to this version.' }),
    components: collection('Component'),
    metadata: mappedArray('Metadata', { alias: 'meta' }),
  },
  required: ['id', 'is_published', 'status_id'],
  immutable: ['link', 'thumbnail_url'],
  computed: ['link', 'thumbnail_url'],
  systemProjections: ['assetid'],
  groupBy: true,
});

const componentProperties = {
  id: uid(),
  name: string({ default: 'main' }),
  system_type: string({ description: 'Discriminator: "file" for file components.' }),
  size: integer({ default: 0, description: 'Size in bytes.' }),
  file_type: string({ alias: 'filetype', description: 'File extension including the dot, e.g. ".exr".' }),
  version_id: foreignKey('AssetVersion'),
  version: reference('AssetVersion'),
  component_locations: collection('ComponentLocation'),
  metadata: mappedArray('Metadata', { alias: 'meta' }),
};

const componentShape = {
  required: ['system_type', 'name', 'id'],
  defaultProjections: ['id', 'system_type'],
  systemProjections: ['system_type', 'version_id'],
  groupBy: true,
};

const component = entity({ id: 'Component', properties: componentProperties, ...componentShape });

const fileComponent = entity({
  id: 'FileComponent',
  mixin: 'Component',
  properties: { ...componentProperties, system_type: string({ default: 'file', description: 'Always "file".' }) },
  ...componentShape,
});

// Where component files live. Every ftrack server has the built-in locations (ftrack.origin,
// ftrack.unmanaged, ftrack.review, ftrack.server, ftrack.connect); the official Python client
// needs this type to start a session.
const location = entity({
  id: 'Location',
  properties: {
    id: uid(),
    name: string({ description: 'Unique name, e.g. "ftrack.server".' }),
    label: string(),
    description: string(),
  },
  required: ['name', 'id'],
});

// "Component C is in location L under resource identifier R": what the files API registers after
// an upload or a copy to a disk location (spec components.md).
const componentLocation = entity({
  id: 'ComponentLocation',
  properties: {
    id: uid(),
    component_id: foreignKey('Component'),
    component: reference('Component'),
    location_id: foreignKey('Location'),
    location: reference('Location'),
    resource_identifier: string({ alias: 'resourceIdentifier', description: 'Where the data is in the location, e.g. a path under its prefix.' }),
  },
  required: ['id'],
  systemProjections: ['location_id', 'component_id'],
  groupBy: true,
});

// A server-side job (e.g. `encode_media`'s): its status over time, a JSON `data` string, and the
// components attached to it (JobComponent). Enough for encodeMedia to work on the demo workspace.
const job = entity({
  id: 'Job',
  properties: {
    id: uid('jobid'),
    status: string({ enum: ['queued', 'running', 'done', 'failed'], default: 'queued' }),
    type: string({ default: 'api_job' }),
    data: string({ description: 'JSON text: a description, or the outputs of an encode_media job.' }),
    user_id: foreignKey('User', { alias: 'userid' }),
    user: reference('User'),
    created_at: dateTime(),
    finished_at: dateTime(),
    job_components: collection('JobComponent'),
  },
  required: ['id', 'status', 'type'],
  immutable: ['type'],
});

const jobComponent = entity({
  id: 'JobComponent',
  primaryKey: ['component_id', 'job_id'],
  properties: {
    component_id: foreignKey('Component'),
    job_id: foreignKey('Job'),
    component: reference('Component'),
    job: reference('Job'),
  },
  required: ['component_id', 'job_id'],
});

/** AssetType, Asset, AssetVersion, Component, FileComponent, Location, ComponentLocation, Job and JobComponent. */
export const assetTypes: readonly SchemaEntry[] = [assetType, asset, assetVersion, component, fileComponent, location, componentLocation, job, jobComponent];
