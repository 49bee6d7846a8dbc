// The 10 university think tanks and their 42 colleges — derived from shared/domain/domain.json (Shanghai 美好社区 先锋行动, 2023 season).
// Provenance labels: 'article' = stated in 人民网上海频道 2023-08-23; 'real' = real-world fact; 'plausible' = invented or estimated.
// Edit by hand with care: specs assert the article's totals.
import type { UniversityRecord } from '../catalogue.types';

export const UNIVERSITY_DATA: readonly UniversityRecord[] = [
  {
    id: 'fdu', zh: '复旦大学', en: 'Fudan University',
    participation: { value: 'named', provenance: 'article' },
    campus: { name: '邯郸校区, 邯郸路220号', districtId: 'yangpu', location: { lat: 31.299, lon: 121.503 } },
    plannedProjects: { value: 20, provenance: 'plausible' },
    plannedTeachers: { value: 62, provenance: 'plausible' },
    plannedStudents: { value: 95, provenance: 'plausible' },
    provenance: 'real',
    colleges: [
      {
        id: 'fdu_ssdpp', zh: '社会发展与公共政策学院', en: 'School of Social Development and Public Policy', provenance: 'real', confidence: 'K',
        disciplines: ['sociology', 'social_work', 'msw', 'demography', 'gerontology', 'psychology', 'applied_psychology'],
      },
      {
        id: 'fdu_sirpa', zh: '国际关系与公共事务学院', en: 'School of International Relations and Public Affairs', provenance: 'real', confidence: 'K',
        disciplines: ['polsci_padmin', 'party_building', 'public_admin', 'mpa'],
      },
      {
        id: 'fdu_jour', zh: '新闻学院', en: 'School of Journalism', provenance: 'real', confidence: 'K',
        disciplines: ['journalism', 'communication', 'broadcasting'],
      },
      {
        id: 'fdu_sph', zh: '公共卫生学院', en: 'School of Public Health (枫林校区, 徐汇)', provenance: 'real', confidence: 'K',
        disciplines: ['health_service_mgmt', 'preventive_medicine', 'mph', 'nutrition_food_hygiene', 'social_medicine_health_mgmt'],
      },
      {
        id: 'fdu_nurs', zh: '护理学院', en: 'School of Nursing (枫林校区, 徐汇)', provenance: 'real', confidence: 'K',
        disciplines: ['eldercare_service_mgmt', 'health_service_mgmt', 'nursing'],
      },
    ],
  },
  {
    id: 'sjtu', zh: '上海交通大学', en: 'Shanghai Jiao Tong University',
    participation: { value: 'named', provenance: 'article' },
    campus: { name: '闵行校区, 东川路800号; 徐汇校区 华山路1954号 hosts 中国城市治理研究院', districtId: 'minhang', location: { lat: 31.025, lon: 121.434 } },
    plannedProjects: { value: 20, provenance: 'plausible' },
    plannedTeachers: { value: 62, provenance: 'plausible' },
    plannedStudents: { value: 95, provenance: 'plausible' },
    anchor: '中国城市治理研究院 China Institute for Urban Governance (V)',
    provenance: 'real',
    colleges: [
      {
        id: 'sjtu_sipa', zh: '国际与公共事务学院', en: 'School of International and Public Affairs', provenance: 'real', confidence: 'V',
        disciplines: ['polsci_padmin', 'public_admin', 'mpa', 'emergency_mgmt'],
      },
      {
        id: 'sjtu_design', zh: '设计学院', en: 'School of Design', provenance: 'real', confidence: 'V',
        disciplines: ['architecture', 'landscape_architecture', 'environmental_design', 'industrial_design'],
      },
      {
        id: 'sjtu_law', zh: '凯原法学院', en: 'KoGuan School of Law', provenance: 'real', confidence: 'K',
        disciplines: ['law'],
      },
      {
        id: 'sjtu_smc', zh: '媒体与传播学院', en: 'School of Media and Communication', provenance: 'real', confidence: 'V',
        disciplines: ['journalism', 'communication', 'advertising', 'new_media'],
      },
      {
        id: 'sjtu_seiee', zh: '电子信息与电气工程学院', en: 'School of Electronic Information and Electrical Engineering', provenance: 'real', confidence: 'K',
        disciplines: ['computer_science', 'software_engineering', 'data_science', 'artificial_intelligence', 'iot_engineering'],
      },
    ],
  },
  {
    id: 'tongji', zh: '同济大学', en: 'Tongji University',
    participation: { value: 'named', provenance: 'article' },
    campus: { name: '四平路校区, 四平路1239号', districtId: 'yangpu', location: { lat: 31.283, lon: 121.502 } },
    plannedProjects: { value: 20, provenance: 'plausible' },
    plannedTeachers: { value: 64, provenance: 'plausible' },
    plannedStudents: { value: 98, provenance: 'plausible' },
    provenance: 'real',
    colleges: [
      {
        id: 'tj_caup', zh: '建筑与城市规划学院', en: 'College of Architecture and Urban Planning (CAUP)', provenance: 'real', confidence: 'K',
        disciplines: ['architecture', 'urban_rural_planning', 'landscape_architecture', 'heritage_conservation', 'urban_design'],
      },
      {
        id: 'tj_spsir', zh: '政治与国际关系学院', en: 'School of Political Science and International Relations (incl. Sociology dept.)', provenance: 'real', confidence: 'V',
        disciplines: ['sociology', 'polsci_padmin'],
      },
      {
        id: 'tj_law', zh: '法学院', en: 'School of Law', provenance: 'real', confidence: 'K',
        disciplines: ['law'],
      },
      {
        id: 'tj_di', zh: '设计创意学院', en: 'College of Design and Innovation', provenance: 'real', confidence: 'K',
        disciplines: ['environmental_design', 'visual_comm_design', 'digital_media_art', 'industrial_design'],
      },
      {
        id: 'tj_sem', zh: '经济与管理学院', en: 'School of Economics and Management', provenance: 'real', confidence: 'K',
        disciplines: ['public_admin', 'urban_management', 'emergency_mgmt', 'property_mgmt', 'real_estate_mgmt', 'engineering_mgmt'],
      },
    ],
  },
  {
    id: 'ecnu', zh: '华东师范大学', en: 'East China Normal University',
    participation: { value: 'named', provenance: 'article' },
    campus: { name: '中山北路校区, 中山北路3663号; 闵行校区 东川路500号', districtId: 'putuo', location: { lat: 31.228, lon: 121.407 } },
    plannedProjects: { value: 22, provenance: 'plausible' },
    plannedTeachers: { value: 68, provenance: 'plausible' },
    plannedStudents: { value: 104, provenance: 'plausible' },
    anchor: '中国现代城市研究中心; 上海城市发展协同创新中心 (V)',
    provenance: 'real',
    colleges: [
      {
        id: 'ecnu_ssd', zh: '社会发展学院', en: 'School of Social Development', provenance: 'real', confidence: 'V',
        disciplines: ['sociology', 'social_work', 'msw', 'anthropology', 'demography', 'gerontology'],
      },
      {
        id: 'ecnu_spa', zh: '公共管理学院', en: 'School of Public Administration', provenance: 'real', confidence: 'V',
        disciplines: ['public_admin', 'mpa', 'public_affairs_mgmt', 'urban_management', 'land_resource_mgmt'],
      },
      {
        id: 'ecnu_psy', zh: '心理与认知科学学院', en: 'School of Psychology and Cognitive Science', provenance: 'real', confidence: 'V',
        disciplines: ['psychology', 'applied_psychology'],
      },
      {
        id: 'ecnu_edu', zh: '教育学部', en: 'Faculty of Education', provenance: 'real', confidence: 'V',
        disciplines: ['education', 'early_childhood_edu', 'special_education', 'educational_technology'],
      },
      {
        id: 'ecnu_geo', zh: '地理科学学院', en: 'School of Geographic Sciences', provenance: 'real', confidence: 'V',
        disciplines: ['human_geo_planning', 'gis'],
      },
    ],
  },
  {
    id: 'shu', zh: '上海大学', en: 'Shanghai University',
    participation: { value: 'implied', provenance: 'plausible' },
    campus: { name: '宝山校区, 上大路99号', districtId: 'baoshan', location: { lat: 31.317, lon: 121.392 } },
    plannedProjects: { value: 28, provenance: 'plausible' },
    plannedTeachers: { value: 86, provenance: 'plausible' },
    plannedStudents: { value: 132, provenance: 'plausible' },
    anchor: '社会学院 (dean 黄晓春 quoted in the article); 亚洲人口研究所; co-host of the 2022 first season (V)',
    provenance: 'real',
    colleges: [
      {
        id: 'shu_soc', zh: '社会学院', en: 'School of Sociology and Political Science', provenance: 'real', confidence: 'V',
        disciplines: ['sociology', 'social_work', 'msw', 'anthropology', 'demography'],
      },
      {
        id: 'shu_law', zh: '法学院', en: 'School of Law', provenance: 'real', confidence: 'K',
        disciplines: ['law'],
      },
      {
        id: 'shu_safa', zh: '上海美术学院', en: 'Shanghai Academy of Fine Arts (incl. Architecture dept.)', provenance: 'real', confidence: 'K',
        disciplines: ['architecture', 'urban_rural_planning', 'environmental_design', 'visual_comm_design', 'public_art', 'digital_media_art', 'fine_arts'],
      },
      {
        id: 'shu_cs', zh: '计算机工程与科学学院', en: 'School of Computer Engineering and Science', provenance: 'real', confidence: 'K',
        disciplines: ['computer_science', 'software_engineering', 'data_science', 'artificial_intelligence', 'iot_engineering'],
      },
      {
        id: 'shu_jc', zh: '新闻传播学院', en: 'School of Journalism and Communication', provenance: 'real', confidence: 'K',
        disciplines: ['journalism', 'broadcasting', 'advertising', 'new_media'],
      },
    ],
  },
  {
    id: 'ecupl', zh: '华东政法大学', en: 'East China University of Political Science and Law',
    participation: { value: 'assumed', provenance: 'plausible' },
    campus: { name: '长宁校区, 万航渡路1575号; 松江校区 龙源路555号', districtId: 'changning', location: { lat: 31.225, lon: 121.426 } },
    plannedProjects: { value: 14, provenance: 'plausible' },
    plannedTeachers: { value: 42, provenance: 'plausible' },
    plannedStudents: { value: 64, provenance: 'plausible' },
    provenance: 'real',
    colleges: [
      {
        id: 'ecupl_ssd', zh: '社会发展学院', en: 'School of Social Development', provenance: 'real', confidence: 'K',
        disciplines: ['sociology', 'social_work'],
      },
      {
        id: 'ecupl_pspa', zh: '政治学与公共管理学院 (now styled 政府管理学院 — check)', en: 'School of Political Science and Public Administration', provenance: 'real', confidence: 'V',
        disciplines: ['polsci_padmin', 'party_building', 'public_admin', 'mpa', 'public_affairs_mgmt', 'labour_social_security', 'hrm'],
      },
      {
        id: 'ecupl_law', zh: '法律学院', en: 'Law School', provenance: 'real', confidence: 'K',
        disciplines: ['law', 'community_corrections'],
      },
      {
        id: 'ecupl_comm', zh: '传播学院', en: 'School of Communication', provenance: 'real', confidence: 'K',
        disciplines: ['journalism', 'communication', 'new_media'],
      },
    ],
  },
  {
    id: 'sufe', zh: '上海财经大学', en: 'Shanghai University of Finance and Economics',
    participation: { value: 'assumed', provenance: 'plausible' },
    campus: { name: '国定路校区, 国定路777号', districtId: 'yangpu', location: { lat: 31.306, lon: 121.5 } },
    plannedProjects: { value: 12, provenance: 'plausible' },
    plannedTeachers: { value: 36, provenance: 'plausible' },
    plannedStudents: { value: 56, provenance: 'plausible' },
    provenance: 'real',
    colleges: [
      {
        id: 'sufe_spea', zh: '公共经济与管理学院', en: 'School of Public Economics and Administration', provenance: 'real', confidence: 'K',
        disciplines: ['public_admin', 'mpa', 'public_affairs_mgmt', 'labour_social_security', 'land_resource_mgmt', 'philanthropy_mgmt', 'hrm', 'public_finance', 'economics'],
      },
      {
        id: 'sufe_urs', zh: '城市与区域科学学院', en: 'School of Urban and Regional Science', provenance: 'real', confidence: 'K',
        disciplines: ['urban_management', 'property_mgmt', 'real_estate_mgmt', 'economics', 'regional_economics'],
      },
      {
        id: 'sufe_law', zh: '法学院', en: 'Law School', provenance: 'real', confidence: 'K',
        disciplines: ['law'],
      },
      {
        id: 'sufe_sime', zh: '信息管理与工程学院', en: 'School of Information Management and Engineering', provenance: 'real', confidence: 'K',
        disciplines: ['info_mgmt_systems', 'big_data_mgmt', 'computer_science', 'data_science'],
      },
    ],
  },
  {
    id: 'ecust', zh: '华东理工大学', en: 'East China University of Science and Technology',
    participation: { value: 'assumed', provenance: 'plausible' },
    campus: { name: '徐汇校区, 梅陇路130号', districtId: 'xuhui', location: { lat: 31.144, lon: 121.424 } },
    plannedProjects: { value: 16, provenance: 'plausible' },
    plannedTeachers: { value: 50, provenance: 'plausible' },
    plannedStudents: { value: 76, provenance: 'plausible' },
    anchor: '社会工作与社会管理研究中心 (上海高校智库, 2013) (V)',
    provenance: 'real',
    colleges: [
      {
        id: 'ecust_spa', zh: '社会与公共管理学院', en: 'School of Social and Public Administration', provenance: 'real', confidence: 'V',
        disciplines: ['sociology', 'social_work', 'msw', 'public_admin', 'mpa', 'public_affairs_mgmt', 'labour_social_security', 'eldercare_service_mgmt', 'philanthropy_mgmt'],
      },
      {
        id: 'ecust_adm', zh: '艺术设计与传媒学院', en: 'School of Art Design and Media', provenance: 'real', confidence: 'V',
        disciplines: ['environmental_design', 'visual_comm_design', 'digital_media_art', 'advertising'],
      },
      {
        id: 'ecust_law', zh: '法学院', en: 'School of Law', provenance: 'real', confidence: 'V',
        disciplines: ['law'],
      },
    ],
  },
  {
    id: 'shnu', zh: '上海师范大学', en: 'Shanghai Normal University',
    participation: { value: 'assumed', provenance: 'plausible' },
    campus: { name: '徐汇校区, 桂林路100号', districtId: 'xuhui', location: { lat: 31.163, lon: 121.418 } },
    plannedProjects: { value: 12, provenance: 'plausible' },
    plannedTeachers: { value: 38, provenance: 'plausible' },
    plannedStudents: { value: 58, provenance: 'plausible' },
    provenance: 'real',
    colleges: [
      {
        id: 'shnu_ppl', zh: '哲学与法政学院', en: 'School of Philosophy, Law and Political Science', provenance: 'real', confidence: 'V',
        disciplines: ['polsci_padmin', 'party_building', 'ideo_political_edu', 'law'],
      },
      {
        id: 'shnu_edu', zh: '教育学院', en: 'College of Education', provenance: 'real', confidence: 'K',
        disciplines: ['applied_psychology', 'education', 'early_childhood_edu', 'special_education', 'educational_technology'],
      },
      {
        id: 'shnu_eg', zh: '环境与地理科学学院', en: 'School of Environmental and Geographical Sciences', provenance: 'real', confidence: 'K',
        disciplines: ['human_geo_planning', 'gis', 'environmental_science'],
      },
      {
        id: 'shnu_fa', zh: '美术学院', en: 'College of Fine Arts', provenance: 'real', confidence: 'K',
        disciplines: ['environmental_design', 'visual_comm_design', 'public_art', 'fine_arts'],
      },
    ],
  },
  {
    id: 'shupl', zh: '上海政法学院', en: 'Shanghai University of Political Science and Law',
    participation: { value: 'assumed', provenance: 'plausible' },
    campus: { name: '外青松公路7989号 (north of 佘山)', districtId: 'qingpu', location: { lat: 31.11, lon: 121.19 } },
    plannedProjects: { value: 11, provenance: 'plausible' },
    plannedTeachers: { value: 33, provenance: 'plausible' },
    plannedStudents: { value: 52, provenance: 'plausible' },
    anchor: '司法部调解理论研究与人才培训基地 (mediation; V); 社会工作 is a national characteristic major (V)',
    provenance: 'real',
    colleges: [
      {
        id: 'shupl_law', zh: '法律学院', en: 'School of Law', provenance: 'plausible', confidence: 'P',
        disciplines: ['law', 'community_corrections'],
      },
      {
        id: 'shupl_sm', zh: '社会管理学院 (social work & sociology; current name may be 政府管理学院 — check)', en: 'School of Social Management', provenance: 'real', confidence: 'V',
        disciplines: ['sociology', 'social_work', 'public_admin', 'eldercare_service_mgmt'],
      },
    ],
  },
];
