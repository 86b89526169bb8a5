"""What studios do with the official Python client beyond the tutorial, against a local server.

Run against workspace-a with `--seed small`. Reads FTRACK_SERVER, FTRACK_API_USER and
FTRACK_API_KEY. Prints `ok: <step> <detail>` per passing step and `fail: <step>: <error>` per
failing one (every step runs), then exits 1 when any step failed.
"""
import os
import sys
import tempfile
import traceback
import uuid

import ftrack_api
import ftrack_api.exception
from peer_session import open_session
import ftrack_api.symbol

failures = []


session = open_session()


def step(name):
    """Runs the decorated function as one step; a failure is reported and rolled back."""
    def run(fn):
        try:
            detail = fn()
            print('ok: %s %s' % (name, '' if detail is None else detail))
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures.append(name)
            print('fail: %s: %s: %s' % (name, type(error).__name__, error))
            traceback.print_exc()
            session.rollback()
        sys.stdout.flush()
        return fn
    return run


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


suffix = uuid.uuid4().hex[:6]
project = session.query('Project where name is "alpha"').one()
user = session.query('User where username is "%s"' % os.environ['FTRACK_API_USER']).one()
shot = session.query('Shot where name is "sh010" and parent.name is "sq010" and project.name is "alpha"').one()


@step('projection-query')
def _():
    tasks = session.query('select name, parent.name, status.name, type.name from Task where project.name is "alpha"').all()
    expect(len(tasks) == 8, 'alpha has 8 tasks, got %d' % len(tasks))
    with session.auto_populating(False):
        expect(all(t['status']['name'] is not ftrack_api.symbol.NOT_SET for t in tasks), 'status.name was projected')
    return sorted(set(t['type']['name'] for t in tasks))


@step('populate')
def _():
    shots = session.query('Shot where project.name is "bravo"').all()
    session.populate(shots, 'name, parent.name')
    with session.auto_populating(False):
        names = sorted('%s/%s' % (s['parent']['name'], s['name']) for s in shots)
    expect(names == ['sq010/sh010', 'sq010/sh020', 'sq020/sh010', 'sq020/sh020'], names)
    return names


@step('get')
def _():
    fetched = open_session().get('Shot', shot['id'])
    expect(fetched['name'] == 'sh010', fetched)
    expect(open_session().get('Shot', str(uuid.uuid4())) is None, 'an unknown id gives None')


@step('update-commit')
def _():
    shot['description'] = 'Hero shot ' + suffix
    session.commit()
    expect(open_session().get('Shot', shot['id'])['description'] == 'Hero shot ' + suffix, 'update persisted')


@step('delete-commit')
def _():
    sequence = session.create('Sequence', {'name': 'doomed ' + suffix, 'parent': project})
    session.commit()
    session.delete(sequence)
    session.commit()
    expect(open_session().query('Sequence where name is "doomed %s"' % suffix).all() == [], 'deleted')


@step('ensure')
def _():
    data = {'name': 'ensured ' + suffix, 'parent_id': project['id']}
    first = session.ensure('Sequence', data)
    again = open_session().ensure('Sequence', data)
    expect(first['id'] == again['id'], 'ensure found the sequence it created')
    updated = session.ensure('Sequence', dict(data, description='set by ensure'), identifying_keys=['name', 'parent_id'])
    expect(updated['id'] == first['id'] and updated['description'] == 'set by ensure', 'ensure updated it')


@step('metadata')
def _():
    shot['metadata']['cut_in'] = '1001'
    shot['metadata']['cut_out'] = '1100'
    session.commit()
    reread = dict(open_session().get('Shot', shot['id'])['metadata'])
    expect(reread == {'cut_in': '1001', 'cut_out': '1100'}, reread)
    return sorted(reread)


@step('custom-attributes')
def _():
    values = dict(shot['custom_attributes'])
    expect(values == {'fstart': 1001, 'fps': 24}, values)
    shot['custom_attributes']['fstart'] = 1234
    session.commit()
    other = open_session()
    expect(other.get('Shot', shot['id'])['custom_attributes']['fstart'] == 1234, 'custom attribute persisted')
    expect(dict(other.get('Project', project['id'])['custom_attributes']) == {'fps': 25}, 'project fps')
    try:
        shot['custom_attributes']['no_such_key'] = 1
    except KeyError:
        pass
    else:
        raise AssertionError('an unknown custom attribute key is a KeyError')
    found = session.query('Shot where custom_attributes any (key is "fstart" and value is 1234)').all()
    expect([s['id'] for s in found] == [shot['id']], 'filter on custom_attributes')


@step('create-task')
def _():
    task_type = session.query('Type where name is "Lighting"').one()
    status = session.query('Status where name is "In progress"').one()
    task = session.create('Task', {'name': 'lighting ' + suffix, 'parent': shot, 'type': task_type, 'status': status})
    session.commit()
    reread = open_session().query(
        'select name, type.name, status.name, priority.name, context_type, project_id, bid from Task where id is "%s"' % task['id']
    ).one()
    expect(reread['type']['name'] == 'Lighting' and reread['status']['name'] == 'In progress', 'type and status kept')
    expect(reread['context_type'] == 'task' and reread['project_id'] == project['id'], 'server-filled values')
    return reread['priority']['name']


@step('create-versions')
def _():
    asset = session.query('Asset where parent.id is "%s"' % shot['id']).first()
    before = max(v['version'] for v in asset['versions'])
    first = session.create('AssetVersion', {'asset': asset})
    second = session.create('AssetVersion', {'asset': asset, 'comment': 'second'})
    session.commit()
    numbers = [first['version'], second['version']]
    expect(numbers == [before + 1, before + 2], numbers)
    other = open_session()
    reread = other.get('Asset', asset['id'])
    expect(reread['latest_version']['id'] == second['id'], 'latest_version')
    expect([v['is_latest_version'] for v in sorted(reread['versions'], key=lambda v: v['version'])][-2:] == [False, True], 'is_latest_version')
    expect(other.get('AssetVersion', second['id'])['status'] is not None, 'a new version has a status')
    return numbers


@step('create-note')
def _():
    task = session.query('Task where parent.id is "%s"' % shot['id']).first()
    note = task.create_note('Please tighten the timing ' + suffix, author=user, recipients=[user])
    session.commit()
    reply = note.create_reply('Done ' + suffix, author=user)
    session.commit()
    other = open_session()
    notes = other.query('select content, author, date, recipients, replies.content from Note where parent_id is "%s"' % task['id']).all()
    top = [n for n in notes if n['content'] == 'Please tighten the timing ' + suffix]
    expect(len(top) == 1, 'note readable from the task')
    expect(top[0]['author']['id'] == user['id'] and top[0]['date'] is not None, 'author and date')
    expect([r['resource_id'] for r in top[0]['recipients']] == [user['id']], 'recipient')
    expect([r['content'] for r in top[0]['replies']] == ['Done ' + suffix], 'reply')
    expect(other.get('Note', reply['id'])['in_reply_to']['id'] == note['id'], 'in_reply_to')


@step('timers')
def _():
    task = session.query('Task where parent.id is "%s"' % shot['id']).first()
    timer = user.start_timer(task, comment='blocking')
    try:
        user.start_timer(task)
    except ftrack_api.exception.NotUniqueError:
        session.rollback()
    else:
        raise AssertionError('a second running timer must fail with NotUniqueError')
    timelog = user.stop_timer()
    expect(timelog['context_id'] == task['id'] and timelog['comment'] == 'blocking', 'timelog from the timer')
    expect(open_session().query('Timer where user_id is "%s"' % user['id']).all() == [], 'timer stopped')
    forced = user.start_timer(task, force=True)
    user.start_timer(task, force=True)
    user.stop_timer()
    return timer['id'] != forced['id']


@step('link-ancestors-descendants')
def _():
    task = session.query('select link, ancestors.name from Task where parent.id is "%s"' % shot['id']).first()
    expect([item['name'] for item in task['link']][:3] == ['alpha', 'sq010', 'sh010'], task['link'])
    expect([a['name'] for a in task['ancestors']] == ['sq010', 'sh010'], 'ancestors, root first')
    sequence = session.query('Sequence where name is "sq010" and project.name is "alpha"').one()
    below = set(d['name'] for d in sequence['descendants'])
    expect({'sh010', 'sh020', task['name']} <= below, below)
    found = session.query('select name from Task where ancestors any (name is "sq020") and project.name is "alpha"').all()
    expect(len(found) == 4, 'tasks below sq020: %d' % len(found))


@step('reset-remote')
def _():
    artist = session.create('User', {'username': 'artist-' + suffix})
    session.commit()
    key = session.reset_remote('api_key', entity=artist)
    expect(isinstance(key, dict) and len(key['api_key']) > 10, key)
    expect(artist.reset_api_key() != key['api_key'], 'each reset gives a new key')


@step('widget-url')
def _():
    url = session.get_widget_url('info', entity=shot, theme='dark')
    expect(url.startswith(os.environ['FTRACK_SERVER']) and shot['id'] in url, url)
    expect(session.get_widget_url('tasks').startswith('http'), 'widget without entity')


@step('paging')
def _():
    names = [t['name'] for t in session.query('select name from Task where project.name is "bravo"', page_size=3)]
    expect(len(names) == 8, 'all 8 tasks over pages of 3: %d' % len(names))
    expect(len(session.query('Task', page_size=5).all()) == len(session.query('Task').all()), 'paged = unpaged')


@step('locations')
def _():
    names = sorted(location['name'] for location in session.query('Location').all())
    expect({'ftrack.origin', 'ftrack.unmanaged', 'ftrack.review', 'ftrack.server', 'ftrack.connect'} <= set(names), names)
    expect(session.pick_location() is not None, 'pick_location')
    component = session.query('FileComponent').first()
    availability = session.get_component_availability(component)
    expect(set(availability.values()) == {0.0}, availability)
    path = os.path.join(tempfile.mkdtemp(), 'plate.exr')
    with open(path, 'w') as handle:
        handle.write('frame')
    unmanaged = session.query('Location where name is "ftrack.unmanaged"').one()
    version = session.query('AssetVersion').first()
    registered = version.create_component(path, data={'name': 'plate'}, location=unmanaged)
    expect(unmanaged.get_component_availability(registered) == 100.0, 'registered in the unmanaged location')
    return names


@step('project-schema')
def _():
    schema = project['project_schema']
    task_statuses = [s['name'] for s in schema.get_statuses('Task')]
    version_statuses = [s['name'] for s in schema.get_statuses('AssetVersion')]
    shot_statuses = [s['name'] for s in schema.get_statuses('Shot')]
    types = [t['name'] for t in schema.get_types('Task')]
    expect('Not started' in task_statuses and version_statuses and shot_statuses and 'Animation' in types, (task_statuses, version_statuses, shot_statuses, types))
    return len(shot_statuses)


@step('groups')
def _():
    group = session.create('Group', {'name': 'Lighting team ' + suffix})
    session.create('Membership', {'group': group, 'user': user})
    session.commit()
    reread = open_session().get('Group', group['id'])
    expect([m['user']['id'] for m in reread['memberships']] == [user['id']], 'membership')
    return reread['local']


session.close()
print('done: %d failed' % len(failures))
sys.exit(1 if failures else 0)
