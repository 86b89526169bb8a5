/**
 * The built-in locations every ftrack server has: fixed names and ids (the Python client's
 * `symbol.py`). `ftrack.server` holds uploaded data; `ftrack.unmanaged` and `ftrack.review` record
 * paths the client gives without copying; `ftrack.origin` is the source as given, registered in
 * the session's memory only.
 */
export const SERVER_LOCATION = { name: 'ftrack.server', id: '3a372bde-05bc-11e4-8908-20c9d081909b' } as const;
export const UNMANAGED_LOCATION = { name: 'ftrack.unmanaged', id: 'cb268ecc-8809-11e3-a7e2-20c9d081909b' } as const;
export const REVIEW_LOCATION = { name: 'ftrack.review', id: 'cd41be70-8809-11e3-b98a-20c9d081909b' } as const;
export const ORIGIN_LOCATION = { name: 'ftrack.origin', id: 'ce9b348f-8809-11e3-821c-20c9d081909b' } as const;
