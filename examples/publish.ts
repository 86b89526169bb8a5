/**
 * Publishing with the typed client: files on a version, a thumbnail, a download, a disk location,
 * reviewable media (an encode_media Job).
 *
 *   FTRACK_SERVER=… FTRACK_API_USER=… FTRACK_API_KEY=… npx tsx examples/publish.ts
 *
 * Without FTRACK_SERVER it starts the local server (demo workspace, component data in a temporary
 * folder). Every step prints the operations it sends. The files are written under a temporary
 * folder (the disk location's prefix too), removed at the end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { createSession, q } from '../generated/index.js';
import { RequestLog, type Log } from './support/request-log.js';

export interface PublishOptions {
  readonly serverUrl: string;
  readonly apiUser: string;
  /** Used for the session only; never printed. */
  readonly apiKey: string;
  /** Where the output goes; default `console.log`. */
  readonly log?: Log;
}

/** What a run did, for the demo's summary and the test. */
export interface PublishSummary {
  readonly version: string;
  readonly bytes: number;
  readonly parts: number;
  /** The downloaded file has the uploaded bytes. */
  readonly downloadEqual: boolean;
  readonly thumbnailServed: boolean;
  /** Locations the uploaded component is in, by name. */
  readonly locations: readonly string[];
  /** The disk location's copy: its resource identifier, and whether its bytes equal the source. */
  readonly diskPath: string;
  readonly diskEqual: boolean;
  /** The encode_media job's statuses as polled (e.g. queued → running → done), and whether its movie is served from ftrack.review. */
  readonly jobStatuses: readonly string[];
  readonly reviewServed: boolean;
}

const FILE_SIZE = 1024 * 1024;
const CHUNK_SIZE = 256 * 1024;

/**
 * Runs the example against `serverUrl`: publishes on the first asset version it finds.
 * @example
 * const summary = await runPublish({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, log: (l) => lines.push(l) });
 * // summary.downloadEqual === true; lines: '1. Publish plate.exr (1048576 bytes, 4 parts of 256 KiB) on …', '  ⇢ get_upload_metadata …', …
 */
export async function runPublish(options: PublishOptions): Promise<PublishSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const transport = new RequestLog({ ...options, log: (line) => log(line.replace(/^ {2}/, '    ')) });
  await using session = createSession({ serverUrl: options.serverUrl, apiUser: options.apiUser, apiKey: options.apiKey, transport });
  const temp = await mkdtemp(join(tmpdir(), 'ftrack-codegen-publish-'));
  try {
    const version = await session.query(q.AssetVersion.select('version', 'asset.name')).first();
    if (version === undefined) throw new Error('The server has no AssetVersion: the example publishes on one.');
    const label = `${version.asset?.name ?? '?'} v${String(version.version ?? 0).padStart(3, '0')}`;

    // 1. A file on the version, in ftrack.server: multi-part here (4 parts) to show the flow.
    const plate = join(temp, 'plate.exr');
    const bytes = randomBytes(FILE_SIZE);
    await writeFile(plate, bytes);
    log(`1. Publish plate.exr (${FILE_SIZE} bytes, ${FILE_SIZE / CHUNK_SIZE} parts of ${CHUNK_SIZE / 1024} KiB) on ${label}`);
    let reports = 0;
    let lastLoaded = 0;
    const component = await session.createComponent(plate, {
      data: { version_id: version.id },
      chunkSize: CHUNK_SIZE,
      onProgress: ({ loaded }) => {
        if (loaded < lastLoaded) throw new Error(`Progress went back: ${loaded} after ${lastLoaded}.`);
        reports++;
        lastLoaded = loaded;
      },
    });
    log(`   (the data went first: PUT × ${FILE_SIZE / CHUNK_SIZE}; progress reported ${reports} times, monotone, ending at ${lastLoaded} bytes)`);
    log(`   → FileComponent ${component.name}${component.file_type ?? ''}, ${component.size} bytes`);
    const locations = (await component.$locations()).map((entry) => entry.locationName ?? entry.locationId);
    log(`   available in: ${locations.join(', ')}`);

    // 2. A thumbnail for the version (a tiny PNG made here), and its URL.
    log('2. Set the version thumbnail');
    const image = await session.createThumbnail(version, pngBytes(32, 24), { name: 'thumbnail.png' });
    const thumbnail = await fetch(await session.thumbnailUrl(image.id, { size: 16 })); // the URL carries the API key: not printed
    const thumbnailServed = thumbnail.ok && (thumbnail.headers.get('content-type') ?? '').startsWith('image/');
    await thumbnail.arrayBuffer();
    log(`   GET /component/thumbnail?id=…&size=16 → ${thumbnail.status} ${thumbnail.headers.get('content-type') ?? ''}`);

    // 3. Download it back and compare.
    log('3. Download the file');
    const target = join(temp, 'downloaded.exr');
    const downloaded = await session.download(component, target);
    const downloadEqual = sha1(await readFile(target)) === sha1(bytes);
    log(`   GET /component/get?id=… → ${downloaded.bytes} bytes, equal to the upload: ${downloadEqual ? 'yes' : 'NO'}`);

    // 4. Register the same file in a disk location: copied under the prefix, standard structure.
    log('4. Register the file in a disk location (prefix: a temporary folder)');
    const nas = session.locations.disk('examples.nas', { prefix: join(temp, 'nas') });
    const onNas = await session.createComponent(plate, { location: nas, data: { version_id: version.id } });
    const diskFile = await nas.filesystemPath(onNas.id);
    const diskPath = diskFile.slice(nas.prefix.length + 1);
    const diskEqual = sha1(await readFile(diskFile)) === sha1(bytes);
    log(`   → <prefix>/${diskPath}, equal to the source: ${diskEqual ? 'yes' : 'NO'}`);

    // 5. Reviewable media from the published file: a server Job, polled until done; its movie is
    //    read from ftrack.review (the local server copies the bytes instead of transcoding).
    log('5. Encode reviewable media from the file (a Job, polled until done)');
    const job = await session.encodeMedia(component, { versionId: version.id });
    const jobStatuses: string[] = [];
    const { outputs } = await job.done({ pollMs: 50, onStatus: (status) => (jobStatuses.at(-1) === status ? undefined : jobStatuses.push(status)) });
    log(`   job ${jobStatuses.join(' → ')}: ${outputs.map((output) => output.format).join(', ')}`);
    const [movie] = await session.query(q.Component.where((c) => c.id.eq(outputs[0]!.componentId)).select('name')).all();
    if (movie === undefined) throw new Error('The encoded movie is not on the server.');
    const review = await fetch(await movie.$url({ location: session.locations.review })); // the URL carries the API key: not printed
    const reviewServed = review.ok && sha1(new Uint8Array(await review.arrayBuffer())) === sha1(bytes);
    log(`   GET <${movie.name} in ftrack.review> → ${review.status}, the file's bytes (no transcoding locally): ${reviewServed ? 'yes' : 'NO'}`);

    return { version: label, bytes: FILE_SIZE, parts: FILE_SIZE / CHUNK_SIZE, downloadEqual, thumbnailServed, locations, diskPath, diskEqual, jobStatuses, reviewServed };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

function sha1(data: Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** A `width` × `height` RGB gradient as PNG bytes (signature, IHDR, one IDAT, IEND). */
function pngBytes(width: number, height: number): Uint8Array {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 160], y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(data.length + 12);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), data.length + 8);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, not interlaced
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The checks of `runPublish` that failed (empty when the round trip is exact). */
export function publishFailures(summary: PublishSummary): string[] {
  const checks: [boolean, string][] = [
    [summary.downloadEqual, 'the download'],
    [summary.thumbnailServed, 'the thumbnail'],
    [summary.diskEqual, 'the disk copy'],
    [summary.reviewServed, 'the reviewable in ftrack.review'],
  ];
  return checks.filter(([ok]) => !ok).map(([, what]) => what);
}

async function main(): Promise<void> {
  const { FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY } = process.env;
  if (FTRACK_SERVER !== undefined && FTRACK_SERVER !== '') {
    await runPublish({ serverUrl: FTRACK_SERVER, apiUser: FTRACK_API_USER ?? '', apiKey: FTRACK_API_KEY ?? '' });
    return;
  }
  const { startServer } = await import('ftrack-codegen/server');
  await using server = await startServer();
  console.log(`FTRACK_SERVER is not set: started the local server (demo workspace) at ${server.url}`);
  const summary = await runPublish({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  const failures = publishFailures(summary);
  if (failures.length > 0) throw new Error(`The round trip differs (${failures.join(', ')}): see above.`);
  console.log('publish OK');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`publish example failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exitCode = 1;
  });
}
