/**
 * The entity types of ftrack's file data model (spec components.md §1), named once: the files API
 * creates and reads these types and checks each exists in the session's schema before using it;
 * the generator gives the `Component` family (the schema decides which types derive from it) the
 * typed `$url` / `$locations` members.
 */
export const FILE_TYPES = {
  component: 'Component',
  fileComponent: 'FileComponent',
  containerComponent: 'ContainerComponent',
  sequenceComponent: 'SequenceComponent',
  componentLocation: 'ComponentLocation',
  location: 'Location',
  job: 'Job',
  assetVersion: 'AssetVersion',
} as const;
