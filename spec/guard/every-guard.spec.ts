import { loginRequired, loginRequiredAjax, permissionRequiredAjax, userPassesTestAjax } from 'ajax-guard';
import { inMode } from '../support/decorator-mode.js';
import { describeEveryGuard } from '../support/guard-suite.js';

describe(inMode('what every guard shares'), () => {
  describeEveryGuard({
    name: 'loginRequiredAjax',
    make: (options) => loginRequiredAjax(options),
    allowedUser: { id: 1 },
    ruleKind: 'login',
  });
  describeEveryGuard({
    name: 'permissionRequiredAjax',
    make: (options) => permissionRequiredAjax('items.delete', options),
    allowedUser: { id: 1, permissions: ['items.delete'] },
    ruleKind: 'permission',
  });
  describeEveryGuard({
    name: 'userPassesTestAjax',
    make: (options) => userPassesTestAjax((user: { staff?: boolean }) => user.staff === true, options),
    allowedUser: { id: 1, staff: true },
    ruleKind: 'test',
  });
  describeEveryGuard({
    name: 'loginRequired',
    make: (options) => loginRequired({ loginUrl: '/login', ...options }),
    allowedUser: { id: 1 },
    ruleKind: 'login',
  });
});
