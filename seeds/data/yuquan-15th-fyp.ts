import type { PlanCatalogue } from '../plan-catalogue.types';

/**
 * 呼和浩特市玉泉区国民经济和社会发展第十五个五年规划纲要 (2026–2030): the plan
 * catalogue the seed loads. Derived from the plan's text (002_8436567fb48caf12.txt
 * in the shared source documents) and checked by eye against it, entry by entry;
 * `npx ts-node --transpile-only -r tsconfig-paths/register seeds/tools/check-plan-catalogue.ts <that file>`
 * checks again that every name below occurs in the text. The seed never reads the
 * text itself: this module is compiled into dist/ with the rest.
 *
 * How the enumerations were read (「实施A，B，C等。」) — the rules are code, in
 * plan-enumeration.ts, and plan-enumeration.spec.ts checks that every group below is
 * what they read from the text (a copy of which is in data/plan-text/):
 * - Items are split on the full-width comma 「，」 and on sentence ends 「。」; a
 *   leading 「实施」 is dropped, and so is a tail 「等」/「等项目」/「等建设项目」/
 *   「等改造项目」 that closes the enumeration. A 「等」 inside a name stays
 *   (「城市燃气管道等更新改造项目」, 「贾家营等村庄污水整治工程项目」,
 *   「章盖营和新河营村等重点排涝区整治项目」), and so does 专栏 9 group 3, where the
 *   only item is 「小黑河镇、云中路片区、S43 机场高速公路两侧等一批和美乡村建设项目」.
 * - 「、」 inside a name does not split it (「南源、西源、北源村城中村」,
 *   「金河社区、C区雨水、污水管道建设工程」, 「玉泉区图书馆、文化馆提升建设项目」).
 *   It does split where it stands between complete names: 专栏 5 (whose list is
 *   written with 「、」 throughout), 专栏 7 group 1 (nine housing estates),
 *   「巴彦路道路绿化建设项目、大黑河沿线基础设施建设工程」 (专栏 2 group 2) and
 *   「定制式标准化厂房建设项目、裕隆生物医药污水处理厂项目」 (专栏 4 group 9).
 * - A suffix shared by all items (「…当浪土牧村城中村等改造项目」, 「…新建住宅等建设项目」)
 *   is not added to each: every item is kept as the list writes it.
 * - Words split across a line or page break of the extracted text are joined without
 *   a space (「村」+「庄道路维修改造工程」, 「安防」+「提升改造项目」). Spaces the plan
 *   writes inside a name are kept (「玉泉变 220 千伏变电站工程」). The plan's own
 *   「一」 for 「—」 in 「塞上老街一大召历史文化街区」 (专栏 7 group 6) is kept as written.
 * - 专栏 10 group 1 ends with 「实施内蒙古大学南校区教学仪器，实验设备购置项目和学生公寓楼建设等项目」:
 *   the 「，」 stands between the two objects of one purchase and the 「和」 after a complete
 *   name, so it gives 「内蒙古大学南校区教学仪器，实验设备购置项目」 and 「学生公寓楼建设」
 *   (earlier versions split it after 教学仪器). 专栏 10 group 3 joins two projects with
 *   「以及」 (「家门口老年学堂建设」, 「敬松老年服务中心改扩建」) and gives 「设备购置」 and
 *   「消防改造」 as items of their own.
 * - 专栏 4 group 3 「银发经济产业园培育工程」 names no separate project: the group itself
 *   is its one project, with the group's sentence as description.
 * - 专栏 5 has no numbered groups: its projects sit in one group (number 1) titled like the column.
 * - 专栏 7 group 7 names sub-districts, each followed by its projects; they own them.
 *   The sentence 「实施金河社区A区雨水…泄洪渠疏通疏浚工程。」 has no subject of its own and
 *   continues 云中路街道办事处's list, so its projects are that sub-district's.
 *   「公共建筑及住宅小区消防设施安全隐患集中整治」 is listed by both 昭君路街道 and
 *   石东路街道 in the same group: two projects with the plan's exact name, one per owner
 *   (the seed keys projects by their plan position, projects.plan_ref).
 * - Plan title: written on the cover as 「呼和浩特市玉泉区国民经济和社会发展 第十五个五年规划纲要」,
 *   kept exactly so, the space included.
 *
 * 专栏 1: values as the table writes them ('5 左右', '（4.47）', '-'); empty cells are
 * null. 「达到自治 区、市要求」 is written 「达到自治区、市要求」: the space is a line
 * break of the table cell left by the text extraction, not the plan's. Rows 12–14
 * come after the table's repeated header and belong to 民生福祉 (its count says 5).
 *
 * Kinds come from classifyProject (project-kind-rules.ts); `kind` below overrides
 * it for one project, with the reason in a comment.
 */
export const YUQUAN_15TH_FYP: PlanCatalogue = {
  plan: {
    code: 'yuquan-15th-fyp',
    title: '呼和浩特市玉泉区国民经济和社会发展 第十五个五年规划纲要',
    startYear: 2026,
    endYear: 2030,
  },
  subdistricts: [
    { code: 'yunzhonglu', name: '云中路街道办事处' },
    { code: 'zhaojunlu', name: '昭君路街道' },
    { code: 'eerduosilu', name: '鄂尔多斯路街道' },
    { code: 'yinhenanjie', name: '银河南街' },
    { code: 'xicaiyuan', name: '西菜园街道' },
    { code: 'shidonglu', name: '石东路街道' },
  ],
  indicators: [
    { number: 1, category: '经济发展', name: '地区生产总值增长', unit: '%', value2025: '5.2', target2030: '-', annualOrCumulative: '5 左右', nature: 'expected' },
    { number: 2, category: '经济发展', name: '常住人口城镇化率', unit: '%', value2025: '91.01', target2030: '94.41', annualOrCumulative: '-', nature: 'expected' },
    { number: 3, category: '创新驱动', name: '规模以上企业研发经费投入增长', unit: '%', value2025: '-', target2030: '-', annualOrCumulative: '5', nature: 'expected' },
    { number: 4, category: '创新驱动', name: '每万人口专利拥有量', unit: '件', value2025: '13.7', target2030: '26', annualOrCumulative: '-', nature: 'expected' },
    { number: 5, category: '绿色生态', name: '单位 GDP 能源消耗降幅', unit: '%', value2025: null, target2030: '-', annualOrCumulative: '达到自治区、市要求', nature: 'binding' },
    { number: 6, category: '绿色生态', name: '单位地区生产总值二氧化碳排放降低', unit: '%', value2025: null, target2030: '-', annualOrCumulative: null, nature: 'binding' },
    { number: 7, category: '绿色生态', name: '地级及以上城市细颗粒物（PM2.5）浓度', unit: '%', value2025: '24', target2030: '达到自治区、市要求', annualOrCumulative: '-', nature: 'binding' },
    { number: 8, category: '绿色生态', name: '优良水体比例', unit: '%', value2025: '100', target2030: '-', annualOrCumulative: '-', nature: 'binding' },
    { number: 9, category: '绿色生态', name: '森林覆盖率', unit: '%', value2025: '4.32', target2030: '保持稳定', annualOrCumulative: '-', nature: 'binding' },
    { number: 10, category: '民生福祉', name: '全体居民人均可支配收入增长', unit: '%', value2025: '5', target2030: '-', annualOrCumulative: '与经济增长基本同步', nature: 'expected' },
    { number: 11, category: '民生福祉', name: '累计城镇新增就业人数', unit: '万人', value2025: '（4.47）', target2030: '-', annualOrCumulative: '（2）', nature: 'expected' },
    { number: 12, category: '民生福祉', name: '每千人医疗卫生机构床位数', unit: '张', value2025: '5.87', target2030: '6.83', annualOrCumulative: '-', nature: 'expected' },
    { number: 13, category: '民生福祉', name: '人均预期寿命', unit: '岁', value2025: '78.9', target2030: '80', annualOrCumulative: '0.3', nature: 'expected' },
    { number: 14, category: '民生福祉', name: '城乡居民基本养老保险参保率', unit: '%', value2025: '100', target2030: '100', annualOrCumulative: '-', nature: 'expected' },
  ],
  columns: [
    {
      number: 2,
      title: '美丽玉泉建设重点工程',
      groups: [
        {
          number: 1,
          title: '山水林田湖草沙保护和系统修复工程',
          projects: [
            { name: '小黑河（云中路—呼准铁路桥）河道治理工程' },
            { name: '大黑河水生态环境治理修复工程' },
            { name: '乌素图河（当浪土牧大桥—小黑河）综合治理工程', kind: 'ecology' }, // river restoration in the 山水林田湖草沙 group
            { name: '城市防护林带提质增效项目', kind: 'ecology' }, // shelter forest (防护林)
          ],
        },
        {
          number: 2,
          title: '全域绿化重点工程',
          projects: [
            { name: '城区绿化建设项目' },
            { name: '道路绿化建设项目', kind: 'ecology' }, // greening along roads, not a road (the rules read 道路 first)
            { name: '209国道道路绿化补植复绿工程', kind: 'ecology' }, // greening along roads, not a road (the rules read 道路 first)
            { name: '锡林路基础设施修复工程' },
            { name: '巴彦路道路绿化建设项目', kind: 'ecology' }, // greening along roads, not a road (the rules read 道路 first)
            { name: '大黑河沿线基础设施建设工程' },
            { name: '小黑河基础设施修复工程' },
          ],
        },
        {
          number: 3,
          title: '污染防治工程',
          projects: [
            { name: '空气污染治理项目' },
            { name: '企业废气治理工艺升级改造异味治理项目' },
            { name: '生活垃圾处理设施改造升级项目' },
          ],
        },
        {
          number: 4,
          title: '建设资源节约型社会重点工程',
          projects: [
            { name: '扎达盖河再生水管网建设项目' },
            { name: '103省道再生水管网建设项目' },
            { name: '内大南校区片区再生水管网建设项目' },
            { name: '再生水水质提标工程' },
          ],
        },
      ],
    },
    {
      number: 3,
      title: '公共安全治理水平提升重点工程',
      groups: [
        {
          number: 1,
          title: '应急救援体系和能力现代化建设工程',
          projects: [
            { name: '应急避难场所建设项目' },
            { name: '应急体系建设项目' },
            { name: '物资储备库建设项目' },
            { name: '消防特勤站建设项目' },
            { name: '消防战勤保障站建设项目' },
          ],
        },
        {
          number: 2,
          title: '社会治安重点工程',
          projects: [
            { name: '公安智慧化建设项目', kind: 'public_safety' }, // 公安: public security
            { name: '公安执法辅助建设项目', kind: 'public_safety' }, // 公安: public security
            { name: '公安业务用房建设项目', kind: 'public_safety' }, // 公安: public security
          ],
        },
      ],
    },
    {
      number: 4,
      title: '现代化产业体系构建重点工程',
      groups: [
        {
          number: 1,
          title: '现代物流重点工程',
          projects: [
            { name: '国际农产品冷链物流中心建设' },
            { name: '物流基地建设' },
            { name: '医药智慧物流园' },
            { name: '物流中转枢纽基地建设' },
            { name: '新能源智慧物流园建设' },
          ],
        },
        {
          number: 2,
          title: '商贸流通重点工程',
          projects: [
            { name: '购物中心改造项目' },
            { name: '商业综合体建设项目' },
            { name: '物流建材商贸城建设项目' },
            { name: '老字号特色体验综合体建设项目' },
            { name: '闲置商业综合体盘活更新建设项目' },
            { name: '一刻钟便民生活站社区超市建设项目' },
            { name: '高端商务酒店建设项目' },
            { name: '大型综合农贸市场项目' },
            { name: '汽车文化产业园项目' },
          ],
        },
        {
          number: 3,
          title: '银发经济产业园培育工程',
          projects: [
            { name: '银发经济产业园培育工程', description: '引入社会资本，培育以老年食品、老年服装、辅助器具为主的银发经济产业。' },
          ],
        },
        {
          number: 4,
          title: '现代金融重点工程',
          projects: [
            { name: '金融服务中心建设' },
            { name: '数字金融服务平台建设' },
            { name: '供应链金融创新' },
          ],
        },
        {
          number: 5,
          title: '绿色食品加工产业重点工程',
          projects: [
            { name: '绿色食品企业设备更新改造项目' },
            { name: '肉类食品全产业链项目' },
            { name: '绿色食品生产加工建设项目' },
            { name: '国家冷链食品上下游产业基地建设项目' },
            { name: '航天食品产业园建设项目' },
          ],
        },
        {
          number: 6,
          title: '生物医药重点工程',
          projects: [
            { name: '生物医药企业配套生产线设备更新项目' },
            { name: '玉米精深加工设施更新项目' },
            { name: '氨基酸及其衍生制品新质生产力技术升级改造项目' },
            { name: '动物源生物材料研发和生产项目' },
            { name: '合成生物科技建设项目' },
          ],
        },
        {
          number: 7,
          title: '产业创新工程',
          projects: [
            { name: '新材料产业园建设项目' },
            { name: '陶瓷纤维材料生产项目' },
            { name: '电力电缆装备制造项目' },
            { name: '电缆二期厂房建设项目' },
            { name: '智能装备制造产业园建设项目' },
            { name: '电缆三期厂房建设项目' },
            { name: '无人机产业化项目' },
          ],
        },
        {
          number: 8,
          title: '“人工智能+”行动',
          projects: [
            { name: '智慧城市及 AI 数字员工智能审批建设项目' },
            { name: '网络改造建设项目' },
            { name: '全域智慧文旅建设项目' },
            { name: '人形机器人项目建设项目' },
            { name: 'AI 人工智能产业园建设项目' },
            { name: '智慧政务服务大厅建设项目' },
            { name: '“人工智能+基层医疗”项目建设项目' },
          ],
        },
        {
          number: 9,
          title: '园区基础设施建设重点工程',
          projects: [
            { name: '裕隆产业园供热热源及配套管网建设项目' },
            { name: '裕隆园区工业蒸汽接入工程' },
            { name: '裕隆园区片区综合管网建设项目' },
            { name: '裕隆乌海西街东段建设项目', kind: 'road' }, // a street of the 裕隆 park (…街/…路 建设)
            { name: '祥和苑道路建设（姜家营大街至南三环）项目' },
            { name: '纬二路西段建设项目', kind: 'road' }, // a street of the 裕隆 park (…街/…路 建设)
            { name: '纬二路东段建设项目', kind: 'road' }, // a street of the 裕隆 park (…街/…路 建设)
            { name: '金南三街建设项目', kind: 'road' }, // a street of the 裕隆 park (…街/…路 建设)
            { name: '金南四街建设项目', kind: 'road' }, // a street of the 裕隆 park (…街/…路 建设)
            { name: '金南六街建设项目', kind: 'road' }, // a street of the 裕隆 park (…街/…路 建设)
            { name: '固体废物处置工业蒸汽供应项目' },
            { name: '裕隆园区排水管道改造项目' },
            { name: '标准化厂房二期建设项目' },
            { name: '智慧园区管理平台建设项目' },
            { name: '园区创新服务中心建设项目' },
            { name: '定制式标准化厂房建设项目' },
            { name: '裕隆生物医药污水处理厂项目' },
          ],
        },
      ],
    },
    {
      number: 5,
      title: '创新发展建设重点工程',
      groups: [
        {
          number: 1,
          title: '创新发展建设重点工程',
          // 专栏 5 has no numbered groups: one group, titled like the column, holds its projects.
          synthetic: true,
          projects: [
            { name: '高端疫苗佐剂研发项目' },
            { name: '动物源生物材料研发项目' },
            { name: '细胞培养保障研发中心建设项目' },
            { name: '中熟/中晚熟春玉米新品种选育与示范推广项目' },
            { name: '疫苗生产用牛血清及培养基验证技术平台建设及应用项目' },
          ],
        },
      ],
    },
    {
      number: 6,
      title: '首府历史文化核心区建设重点工程',
      groups: [
        {
          number: 1,
          title: '文化旅游项目',
          projects: [
            { name: '蒙马小镇建设项目', kind: 'culture_tourism' }, // a tourism project of 专栏 6, in words the rules do not list
            { name: '农文旅和美乡村建设项目', kind: 'culture_tourism' }, // a tourism project of 专栏 6, in words the rules do not list
            { name: '区域品牌IP建设项目', kind: 'culture_tourism' }, // a tourism project of 专栏 6, in words the rules do not list
            { name: '旅游集散中心建设项目' },
            { name: '立体停车场项目' },
          ],
        },
        {
          number: 2,
          title: '旅游景区街区管理及提升改造项目',
          projects: [
            { name: '玉泉区旅游景区管理及提升改造项目' },
            { name: '塞上老街旅游休闲街区和大召历史文化旅游区提升改造项目' },
            { name: '大盛魁北区提升改造项目', kind: 'culture_tourism' }, // a tourism project of 专栏 6, in words the rules do not list
            { name: '大盛魁南区盘活项目', kind: 'culture_tourism' }, // a tourism project of 专栏 6, in words the rules do not list
            { name: '中国烧麦美食街特色街区建设项目', kind: 'culture_tourism' }, // a tourism project of 专栏 6, in words the rules do not list
            { name: '归绥老城历史文化轴重要节点提升改造项目' },
          ],
        },
        {
          number: 3,
          title: '街区活化利用项目',
          projects: [
            { name: '塞上老街—大召历史文化街区活化利用' },
            { name: '席力图召—大盛魁历史文化街区活化利用项目' },
          ],
        },
      ],
    },
    {
      number: 7,
      title: '建设高品质宜居中心城区重点工程',
      groups: [
        {
          number: 1,
          title: '好房子建设项目',
          projects: [
            { name: '秋实璟熙臺' },
            { name: '御湖尚品·臻园' },
            { name: '万锦宽阅及二期' },
            { name: '柏樾翠居' },
            { name: '恒泰雅府' },
            { name: '金德·南湖樾府住宅' },
            { name: '恒泰锦文里' },
            { name: '金熙嘉园三期住宅' },
            { name: '云中逸品（富庭云境）新建住宅' },
          ],
        },
        {
          number: 2,
          title: '好社区建设项目',
          projects: [
            { name: '蓝城倍挺建设项目' },
          ],
        },
        {
          number: 3,
          title: '棚户区改造建设项目',
          projects: [
            { name: '玉泉区玉祥·和泽园（市医院南棚改回迁房一区）项目' },
            { name: '玉祥·福泽园（化纤厂棚改回迁房）项目' },
            { name: '玉祥·安泽园（范家营棚改回迁房）项目' },
            { name: '玉泉区玉祥·瑞泽园（市医院南回迁安置三区）项目' },
            { name: '市医院南回迁安置四区项目' },
            { name: '市医院南侧十八地块地产建设项目', kind: 'resettlement_housing' }, // 棚户区改造 plot (市医院 names the place, not a hospital)
            { name: '范家营地块二改造项目', kind: 'resettlement_housing' }, // 棚户区改造 plot
            { name: '天骄西岸东侧地块（天福九熙府西侧）改造项目', kind: 'resettlement_housing' }, // 棚户区改造 plot
            { name: '内蒙古大学南侧地块改造项目', kind: 'resettlement_housing' }, // 棚户区改造 plot
            { name: '玉泉区五里营东区西侧地块地产建设项目', kind: 'resettlement_housing' }, // 棚户区改造 plot
          ],
        },
        {
          number: 4,
          title: '城中村改造项目',
          projects: [
            { name: '东二道河村城中村' },
            { name: '市医院南侧城中村' },
            { name: '南源、西源、北源村城中村' },
            { name: '范家营城中村' },
            { name: '南营子城中村' },
            { name: '西瓦窑村城中村' },
            { name: '华宇社区化纤厂宿舍城中村' },
            { name: '小黑河村城中村' },
            { name: '当浪土牧村城中村' },
          ],
        },
        {
          number: 5,
          title: '市政管网建设项目',
          projects: [
            { name: '新建管网、雨污水改造工程（小区雨污分流）' },
            { name: '城区雨水污水管网普查及检测工程' },
            { name: '雨水管道修复更新工程' },
            { name: '雨污水更新改造工程' },
            { name: '内涝积水点治理改造工程', kind: 'pipe_network' }, // drainage (内涝) works of the 市政管网 group
            { name: '地下管网空白区建设工程' },
            { name: '雨水污水管道及箱涵清淤工程' },
            { name: '城区综合管网建设工程项目' },
          ],
        },
        {
          number: 6,
          title: '城市更新建设项目',
          projects: [
            { name: '城市燃气管道等更新改造项目' },
            { name: '老旧电梯更新改造项目' },
            { name: '城市更新（老旧小区改造）工程' },
            { name: '缺水小区供水设施改造工程' },
            { name: '城镇老旧管网综合更新改造工程' },
            { name: '贾家营等村庄污水整治工程项目', kind: 'pipe_network' }, // sewage (污水) collection
            { name: '内蒙古呼和浩特市历史文化街区（塞上老街一大召历史文化街区、席力图召一大盛魁历史文化街区）更新改造项目' },
          ],
        },
        {
          number: 7,
          title: '基础设施建设项目',
          projects: [
            { name: '华美社区、拾光里社区综合管网更新改造', owner: 'yunzhonglu' },
            { name: '后本滩、东甲兰营、讨尔号、新河营、一间房村综合管网更新改造', owner: 'yunzhonglu' },
            { name: '西二道河、姜家营、章盖营片区综合管网更新改造', owner: 'yunzhonglu' },
            { name: '云中路片区综合管网更新改造', owner: 'yunzhonglu' },
            { name: '金川南区片区综合管网更新改造项目', owner: 'yunzhonglu' },
            { name: '金河社区A区雨水、污水管道建设', owner: 'yunzhonglu' },
            { name: '金河社区、C区雨水、污水管道建设工程', owner: 'yunzhonglu' },
            { name: '污水集中收集工程（大黑河至绕城高速段）', kind: 'pipe_network', owner: 'yunzhonglu' }, // sewage (污水) collection
            { name: '污水集中收集工程（绕城高速—玉泉区界段）', kind: 'pipe_network', owner: 'yunzhonglu' }, // sewage (污水) collection
            { name: '村庄道路维修改造工程', owner: 'yunzhonglu' },
            { name: '村庄照明提升改造工程', owner: 'yunzhonglu' },
            { name: '泄洪渠疏通疏浚工程', owner: 'yunzhonglu' },
            { name: '雨水、供排水管网改造', owner: 'zhaojunlu' },
            { name: '五里营小区、五里营西小区、世源佳境小区地下综合管网及设施更新改造', owner: 'zhaojunlu' },
            { name: '银河北街活力街区打造', owner: 'zhaojunlu' },
            { name: '公共建筑及住宅小区消防设施安全隐患集中整治', owner: 'zhaojunlu' },
            { name: '适老化改造项目', owner: 'zhaojunlu' },
            { name: '后八里庄区块综合管网更新改造工程', owner: 'eerduosilu' },
            { name: '前八里庄区块综合管网改造工程', owner: 'eerduosilu' },
            { name: '玉泉人家区块综合管网改造工程', owner: 'eerduosilu' },
            { name: '现代华城及周边区域综合管网更新改造工程', owner: 'eerduosilu' },
            { name: '开泰市场周边区域及蛋厂路南区块平房区综合管网更新改造工程', owner: 'eerduosilu' },
            { name: '当浪土牧区块综合管网更新改造工程（乌素图河西）', owner: 'eerduosilu' },
            { name: '当浪土牧村建筑垃圾分拣中心', owner: 'eerduosilu' },
            { name: '南湖社区、桃李社区、昕雅社区地下管网更新改造', owner: 'yinhenanjie' },
            { name: '活力街区提升改造', owner: 'yinhenanjie' },
            { name: '昕雅社区、盛泰社区、天颐社区完整社区建设项目', owner: 'yinhenanjie' },
            { name: '危旧住房改造工程', owner: 'xicaiyuan' },
            { name: '石小西巷地下综合管网及设施更新改造', owner: 'shidonglu' },
            { name: '三里营南街活力街区打造', owner: 'shidonglu' },
            { name: '公共建筑及住宅小区消防设施安全隐患集中整治', owner: 'shidonglu' },
            { name: '完整社区建设', owner: 'shidonglu' },
          ],
        },
      ],
    },
    {
      number: 8,
      title: '现代化基础设施重点工程',
      groups: [
        {
          number: 1,
          title: '交通设施建设工程',
          projects: [
            { name: '祥和苑西路道路建设' },
            { name: '锡林南路南二环至南三环段拓宽改造' },
            { name: '南二环与巴彦塔拉路立交化改造' },
            { name: '城市基础（市政道路及管网）设施建设工程（第二批）建设', kind: 'road' }, // municipal roads with their pipes, in the 交通设施 group (the rules read 管网 first)
            { name: '城市基础（市政道路及管网）设施建设工程（第三批）建设', kind: 'road' }, // municipal roads with their pipes, in the 交通设施 group (the rules read 管网 first)
            { name: '城市基础（市政道路及管网）设施建设工程（第四批）', kind: 'road' }, // municipal roads with their pipes, in the 交通设施 group (the rules read 管网 first)
            { name: '城市基础（市政道路及管网）设施建设工程（第五批）', kind: 'road' }, // municipal roads with their pipes, in the 交通设施 group (the rules read 管网 first)
          ],
        },
        {
          number: 2,
          title: '水利基础设施重点工程',
          projects: [
            { name: '农村供水巩固提升项目' },
            { name: '市政供水管网延伸项目' },
            { name: '章盖营和新河营村等重点排涝区整治项目' },
            { name: '大黑河防洪调蓄' },
          ],
        },
        {
          number: 3,
          title: '能源基础设施建设工程重点工程',
          projects: [
            { name: '锡林变体育场开闭站新出 1 线与南郊变 953 建华线联络工程' },
            { name: '南湖开闭站新出 1 线与五里营变 9511 嘉远线联络工程' },
            { name: '南郊 110 千伏变电站 951 辛辛板线改造工程' },
            { name: '供电公司玉泉区 2026 年电网技术改造第一批预计划工程' },
            { name: '章盖营 110 千伏变电站新建 1#10 千伏线路送出工程' },
            { name: '内蒙古电力科学研究院分公司 2026 年营销技改投资项目' },
            { name: '昭君 220 千伏变电站 962 风情园线与南湖变电站 9607 田家营线联络工程' },
            { name: '10 千伏配网新建项目（有网格）' },
            { name: '10 千伏配网改造项目（有网格）' },
            { name: '玉泉变 220 千伏变电站工程' },
            { name: '溪水 110 千伏变输变电工程' },
            { name: '八里庄 110 千伏输变电工程' },
            { name: '二道河 110 千伏输变电工程' },
            { name: '闽欣建材城高压电力建设工程' },
            { name: '裕隆产业园分布式光伏建设项目', kind: 'other' }, // photovoltaics at the park, not the park itself
            { name: '裕隆产业园停车调度中心分布式光伏建设项目', kind: 'other' }, // photovoltaics at the park, not the park itself
            { name: '国际农产品冷链物流中心分布式光伏项目' },
            { name: '姜家营街加油站项目' },
            { name: '充电桩建设项目' },
            { name: '锡林南路与三环交汇处综合能源站项目' },
            { name: '独立储能电站项目' },
          ],
        },
      ],
    },
    {
      number: 9,
      title: '农业农村现代化重点工程',
      groups: [
        {
          number: 1,
          title: '农业综合生产能力提升重点工程',
          projects: [
            { name: '高标准农田建设项目' },
            { name: '玉泉区黄河流域面源污染防治项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '玉米单产提升项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '小黑河镇连家营村特色农牧业产品加工基地项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '禾盛益有机肥料项目', kind: 'agriculture' }, // farming, in words the rules do not list
          ],
        },
        {
          number: 2,
          title: '都市农业建设重点工程',
          projects: [
            { name: '城畔农芯智慧园项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '“花漾青城”智能花卉培育园项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '都市农业生态园项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '工厂化水循环智慧渔业项目二期', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '番茄小镇项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '和光农社·休闲农场项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '四季鲜汇设施农场项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '花卉种植项目' },
            { name: '蔬菜育苗基地项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '设施农业大棚维修改造提升工程' },
            { name: '小黑河镇连家营村高标准大棚建设项目' },
            { name: '后本滩村设施农业建设项目（二期）' },
            { name: '农文旅露营休闲营地项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '职业农民培训教育基地项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '大黑河北岸露营项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '马铃薯品种测试评价能力提升项目', kind: 'agriculture' }, // farming, in words the rules do not list
            { name: '小黑河镇南台什村设施农业产业园项目', kind: 'agriculture' }, // farming, in words the rules do not list
          ],
        },
        {
          number: 3,
          title: '乡村全面振兴重点工程',
          projects: [
            { name: '小黑河镇、云中路片区、S43 机场高速公路两侧等一批和美乡村建设项目', kind: 'agriculture' }, // farming, in words the rules do not list
          ],
        },
      ],
    },
    {
      number: 10,
      title: '人口高质量发展重点工程',
      groups: [
        {
          number: 1,
          title: '高质量教育重点工程',
          projects: [
            { name: '玉泉区幼儿园提升改造和设备购置工程' },
            { name: '南湖实验学校建设项目' },
            { name: '昭君路小学新建项目' },
            { name: '云中路实验学校新建项目' },
            { name: '中小学设备购置项目' },
            { name: '义务教育优质均衡达标验收提升改造项目', kind: 'school' }, // upgrading compulsory-education schools
            { name: '全区学校和幼儿园安防提升改造项目' },
            { name: '呼市第六中学高中部新建报告厅及新址校舍功能室改造提升项目' },
            { name: '呼市第十二中学艺术特色高中建设项目' },
            { name: '玉泉区教师（校长、教师、教研员）队伍综合素养提升项目' },
            { name: '中考和高考教育管理及教师培训项目' },
            { name: '国家通用语言文字能力提升项目' },
            { name: '融合教育综合能力提升项目' },
            { name: '中小学智慧教育和智慧体育项目' },
            { name: '人工智能应用环境设施设备更新项目' },
            { name: '创客空间建设项目' },
            { name: '创新实验室建设项目' },
            { name: '青少年宫提升改造项目' },
            { name: '思享源“泉”玉泉区大中小幼思政课一体化建设项目' },
            { name: '校园足球“绿茵育人计划”项目' },
            { name: '集团化办学品牌提升项目' },
            { name: '中小学心理健康监测项目' },
            { name: '内蒙古大学南校区教学仪器，实验设备购置项目' },
            { name: '学生公寓楼建设' },
          ],
        },
        {
          number: 2,
          title: '医疗卫生强基工程',
          projects: [
            { name: '疾病预防控制中心新建项目' },
            { name: '云中路社区卫生服务中心新建项目', kind: 'hospital' }, // 社区卫生服务中心: the urban counterpart of a 卫生院
            { name: '银河南街社区卫生服务中心新建项目', kind: 'hospital' }, // 社区卫生服务中心: the urban counterpart of a 卫生院
            { name: '玉泉区总医院医疗集团信息化建设项目' },
            { name: '安康精神心理康复医院建设项目' },
            { name: '自治区荣誉军人康复医院设备购置及改造工程' },
            { name: '卫生健康领域医疗设备更新项目' },
            { name: '区属医疗机构房屋安全和消防安全隐患整改工程' },
            { name: '中蒙医医院康复（康养）中心购置医疗设备项目' },
          ],
        },
        {
          number: 3,
          title: '“一老一小”服务能力提升重点工程',
          projects: [
            { name: '智慧养老平台建设' },
            { name: '特殊困难老年人居家适老化改造' },
            { name: '家门口老年学堂建设' },
            { name: '敬松老年服务中心改扩建' },
            { name: '设备购置', kind: 'elderly_care' }, // as the sentence reads, an item of the 敬松老年服务中心 (改扩建，设备购置，消防改造)
            { name: '消防改造', kind: 'elderly_care' }, // as the sentence reads, an item of the 敬松老年服务中心 (改扩建，设备购置，消防改造)
          ],
        },
      ],
    },
    {
      number: 11,
      title: '文明城区建设重点工程',
      groups: [
        {
          number: 1,
          title: '文物保护及文物修缮项目',
          projects: [
            { name: '玉泉区文物保护修缮项目', kind: 'culture_tourism' }, // cultural relics and heritage
            { name: '玉泉区非遗传承利用项目', kind: 'culture_tourism' }, // cultural relics and heritage
            { name: '大召数字化保护利用及游客中心提升改造项目', kind: 'culture_tourism' }, // cultural relics and heritage
          ],
        },
        {
          number: 2,
          title: '公共文化设施建设项目',
          projects: [
            { name: '玉泉区图书馆、文化馆提升建设项目' },
            { name: '文化内涵挖掘与弘扬项目' },
            { name: '工人文化宫建设项目' },
          ],
        },
        {
          number: 3,
          title: '体育基础设施建设项目',
          projects: [
            { name: '玉骏坊室内滑冰场建设项目' },
            { name: '玉泉区体育基础设施建设项目' },
            { name: '全民健身中心建设项目' },
            { name: '小黑河休闲健身文旅漫游带建设项目', kind: 'culture_tourism' }, // 文旅 belt
          ],
        },
      ],
    },
  ],
};
