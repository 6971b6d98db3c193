/**
 * The workbench's pages, and the menu made from them: each route says its title (menu entry and breadcrumb),
 * its menu group, its icon and the roles that may open it. Issue 13's pages (督查室 desk, 挂图作战, admin) are
 * added here with their roles and appear in the menu of those roles only.
 */
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/composables/useSession';

export const ALL_ROLES: Role[] = ['admin', 'supervisor', 'department_editor', 'viewer', 'leader'];

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Roles that may open the page; absent = every signed-in user. */
    roles?: Role[];
    /** Shown in the left menu (with this icon name of @element-plus/icons-vue). */
    menu?: { icon: string; order: number; group?: string };
    /** Breadcrumb parent route name. */
    parent?: string;
    public?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: () => import('@/layouts/AppShell.vue'),
    children: [
      {
        path: '',
        name: 'dashboard',
        component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { title: '驾驶舱', menu: { icon: 'DataBoard', order: 10 } },
      },
      {
        path: 'projects',
        name: 'projects',
        component: () => import('@/views/projects/ProjectListView.vue'),
        meta: { title: '项目库', menu: { icon: 'Files', order: 20 } },
      },
      {
        path: 'projects/:id',
        name: 'project-detail',
        component: () => import('@/views/project-detail/ProjectDetailView.vue'),
        meta: { title: '项目详情', parent: 'projects' },
      },
      {
        path: 'supervision/overdue',
        name: 'overdue',
        component: () => import('@/views/supervision/OverdueView.vue'),
        meta: { title: '逾期督导', roles: ['supervisor', 'admin', 'viewer', 'leader'], menu: { icon: 'WarningFilled', order: 30, group: 'desk' } },
      },
      {
        path: 'timeline',
        name: 'timeline',
        component: () => import('@/views/timeline/TimelineView.vue'),
        meta: { title: '挂图作战', menu: { icon: 'Histogram', order: 35, group: 'desk' } },
      },
      {
        path: 'notices',
        name: 'notices',
        component: () => import('@/views/notices/NoticeListView.vue'),
        meta: { title: '督办单', menu: { icon: 'Tickets', order: 40, group: 'desk' } },
      },
      {
        path: 'notices/:id',
        name: 'notice-detail',
        component: () => import('@/views/notices/NoticeDetailView.vue'),
        meta: { title: '督办单详情', parent: 'notices' },
      },
      {
        path: 'problems',
        name: 'problems',
        component: () => import('@/views/problems/ProblemListView.vue'),
        meta: { title: '问题台账', menu: { icon: 'Warning', order: 45, group: 'desk' } },
      },
      {
        path: 'problems/:id',
        name: 'problem-detail',
        component: () => import('@/views/problems/ProblemDetailView.vue'),
        meta: { title: '问题详情', parent: 'problems' },
      },
      {
        path: 'deadline-changes',
        name: 'deadline-changes',
        component: () => import('@/views/deadline-changes/DeadlineChangesView.vue'),
        meta: { title: '节点调整审批', roles: ['supervisor', 'admin', 'department_editor'], menu: { icon: 'Calendar', order: 50, group: 'desk' } },
      },
      {
        path: 'reports/weekly',
        name: 'weekly-report',
        component: () => import('@/views/weekly/WeeklyReportView.vue'),
        // Every role reads the 周报 (the API's rule: the ranking is published to every unit).
        meta: { title: '周报', roles: ALL_ROLES, menu: { icon: 'Document', order: 60, group: 'desk' } },
      },
      // The worker's notice reminders link to /supervision-notices/<id>: the same page.
      { path: 'supervision-notices/:id', redirect: (to) => ({ name: 'notice-detail', params: { id: String(to.params.id) } }) },
      // 系统管理 (#13): the admin pages, for admins only; the menu puts them under one heading (group 'admin').
      ...(
        [
          ['users', 'admin-users', '用户管理', 'User', () => import('@/views/admin/UsersView.vue')],
          ['departments', 'admin-departments', '部门/街道', 'OfficeBuilding', () => import('@/views/admin/DepartmentsView.vue')],
          ['api-keys', 'admin-api-keys', 'API 密钥', 'Key', () => import('@/views/admin/ApiKeysView.vue')],
          ['rules', 'admin-rules', '规则设置', 'Setting', () => import('@/views/admin/RulesView.vue')],
          ['channels', 'admin-channels', '通知渠道', 'ChatDotRound', () => import('@/views/admin/ChannelsView.vue')],
          ['calendar', 'admin-calendar', '工作日历', 'Calendar', () => import('@/views/admin/CalendarView.vue')],
          ['jobs', 'admin-jobs', '定时任务', 'Timer', () => import('@/views/admin/JobsView.vue')],
        ] as const
      ).map(([path, name, title, icon, component], index): RouteRecordRaw => ({
        path: `admin/${path}`,
        name,
        component,
        meta: { title, roles: ['admin'], menu: { icon, order: 100 + index, group: 'admin' } },
      })),
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notifications/NotificationsView.vue'),
        meta: { title: '消息通知', menu: { icon: 'Bell', order: 90 } },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { title: '页面不存在', public: true } },
];
