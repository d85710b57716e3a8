// Entry `portalkit/pk-task-list`: registers <pk-task-list> (and its comment thread).
import { PkTaskComments } from '../components/task-list/task-comments.js';
import { PkTaskList } from '../components/task-list/task-list.js';
import { define } from '../define.js';

define('pk-task-list', PkTaskList);
define('pk-task-comments', PkTaskComments);
export { PkTaskList, PkTaskComments };
