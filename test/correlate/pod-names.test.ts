// KubeSpawner names pods and claims after the user's UTF-8 bytes: reading a name back from a pod
// must give the name the hub logs elsewhere, or a refusal is pinned on a user nobody has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubespawnerEscape } from '../../src/core/pod-name.js';
import { userFromPod } from '../../src/core/users.js';

test('a pod name gives back the user it was made for, non-ASCII names included', () => {
  for (const name of ['dana@example.org', 'jörg', '山田太郎', 'Bob.Smith', 'x-y_z']) {
    assert.equal(userFromPod(`jupyter-${kubespawnerEscape(name)}`), name, name);
    assert.equal(userFromPod(`jupyter-${kubespawnerEscape(name)}--gpu`), name, `${name} with a named server`);
  }
  assert.equal(kubespawnerEscape('jörg'), 'j-c3-b6rg');
  assert.equal(userFromPod('jupyter-j-c3-b6rg'), 'jörg');
});

test('pods that are no escape of a name name nobody', () => {
  assert.equal(userFromPod('jupyter-j-c3rg'), null, 'a lone UTF-8 lead byte');
  assert.equal(userFromPod('jupyter-a-zz'), null, 'not hex');
  assert.equal(userFromPod('hub-5d8f7c9b4-abcde'), null, 'not a user pod');
});
