/**
 * Fixed ids of the demo workspace's reference data. Tests, the tutorial and benchmarks may rely
 * on them; every other id is derived from a stable label with `stableId` (see `stable-id.ts`).
 */

/** ObjectType ids; each TypedContext subtype's classifier and `object_type_id` default. */
export const OBJECT_TYPE_IDS = {
  Folder: 'a28fd23c-4961-4e7f-b900-7b7cf08d7f0d',
  Episode: '5e62a354-1a89-4a92-9eb5-6a0fd61072fd',
  Sequence: '082bdbe9-f9bb-43d2-82d4-ff2ddf0835b1',
  Shot: 'cdadb2d4-cc20-453f-92d7-b403c1ff373e',
  Task: '73e15063-84b1-49ac-ba02-1de70005a841',
  AssetBuild: 'ac1eafe4-d9f6-4b57-84c1-ef7e2bdbd5e5',
  Milestone: 'd392f9e5-f3f2-4a36-acfa-a5d85c829fd0',
} as const;

/** State ids by `short`. */
export const STATE_IDS = {
  NOT_STARTED: '92854c1a-2048-40a3-b3c9-abfdabc07d95',
  IN_PROGRESS: 'bec46c8d-0c84-4cb5-840e-f96d72fb01de',
  DONE: 'd4dda7b2-1e9a-4c06-be20-8e72eb721166',
  BLOCKED: '72c25a25-5b61-4e35-b8ad-36557dde62fd',
} as const;

/** Status ids by name. */
export const STATUS_IDS = {
  'Not started': '888261a6-082c-4b8b-8e93-d29aa160d7d3',
  Ready: '51e280cd-56e6-42d4-8e2c-d0fbd2817071',
  'In progress': '6b85ca58-34f4-46e9-a9b9-01b67c7b7e17',
  'Pending review': '58779d04-4340-4b76-b8db-fd44293c906e',
  Revise: 'bf5cdd3a-e106-4a94-9187-34657c1f0d99',
  Approved: 'c7cf8a2c-bd90-4444-bdce-e051afea79ab',
  'On hold': 'c51926b4-c3de-43a9-b961-9efd58993183',
  Omitted: '045ee69f-5d01-4fde-92f8-5e664ba08914',
} as const;

/** Priority ids by name; `None` is every subtype's `priority_id` default. */
export const PRIORITY_IDS = {
  Urgent: '0a3d739f-530e-4d29-ba2c-f50f92616f64',
  High: '68559036-5570-4d4a-89e1-936adb293e7d',
  Medium: '1df60533-ded7-4362-9560-3ffa486f93f1',
  Low: '791b33b5-c0b1-42e2-afc6-006a647cd70b',
  None: '975d0892-89c8-4b94-9ee8-d1d3af6ec935',
} as const;

/** Type (task type) ids by name. */
export const TYPE_IDS = {
  Generic: 'c9270db7-64f8-4c3c-895f-d15b396d532e',
  Animation: '9ed964df-7e1e-483e-927e-251b17bfa66f',
  Compositing: 'dbc73348-0de0-4ab3-83fa-b0c7a87edc46',
  Editing: '482ce012-eb74-482c-a07e-f663d48b2911',
  FX: 'a0fc1749-0971-46c9-88d4-ff585f3ebdd3',
  Layout: '9e45d0dc-1d2d-4f3f-9c2b-edce8a1dad63',
  Lighting: 'b80867f3-b54d-4b22-b694-b2c86a2217cb',
  Modeling: '86f6a2ed-3e1b-4d00-850e-548112bdae69',
  Rigging: '44df1a03-95a5-4071-869a-81c5b1f3d839',
  Texture: '02b901b4-76ab-4cab-96ad-a48287d8ea5d',
} as const;

/** Project ids by name; they sort in the order listed (so "test" comes first by id). */
export const PROJECT_IDS = {
  test: '10f50e1f-7aef-4d40-93e8-9f3c602daa28',
  client_review: '211d4092-11f9-43b9-895b-bf73787224b6',
  tdb: '300642b7-3a4a-4e78-80f5-efab8dc4e03a',
  man_test: '48f343f8-e9ae-4496-83a8-42fd7521e2a0',
  ftrack: '59b5f818-35eb-4c56-9b89-1bcafe447bdf',
  bunny: '67f1f794-ecb2-470c-a39d-b97c645a96e3',
} as const;

/** User ids by username. */
export const USER_IDS = {
  demo: '325dc74c-08c9-4860-ae90-001525e89daa',
  ada: '67aad567-63ba-4350-94c0-519b0a76bd18',
  grace: '649add4b-c5d5-47f1-be5d-ab07d3323d05',
  alan: 'dc893344-abc5-482b-be22-414aa913764d',
  katherine: 'de34674f-e73f-4426-a05e-0568f4ab20c1',
  jenkins: '7b3ce652-68ae-43c7-b171-d58c6d9dd58f',
  margaret: 'dc4cefa3-7a0b-4fb1-b337-f1fd9b342279',
} as const;

export type ObjectTypeName = keyof typeof OBJECT_TYPE_IDS;
export type StatusName = keyof typeof STATUS_IDS;
export type TypeName = keyof typeof TYPE_IDS;
export type ProjectName = keyof typeof PROJECT_IDS;
export type Username = keyof typeof USER_IDS;
