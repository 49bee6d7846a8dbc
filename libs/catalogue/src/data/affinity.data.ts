// Issue type x discipline affinity, integers 0..100 (all plausible) — derived from shared/domain/domain.json (Shanghai 美好社区 先锋行动, 2023 season).
// Provenance labels: 'article' = stated in 人民网上海频道 2023-08-23; 'real' = real-world fact; 'plausible' = invented or estimated.
// Edit by hand with care: specs assert the article's totals.
/** Listed (issue type -> discipline -> weight) pairs; unlisted pairs take DEFAULT_AFFINITY rules in affinity.ts. */
export const LISTED_AFFINITY: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  pain_points: { social_work: 80, sociology: 75, public_admin: 70, urban_rural_planning: 60, law: 60, iot_engineering: 45, environmental_science: 40, architecture: 40 },
  property_governance: { property_mgmt: 95, law: 85, public_admin: 70, real_estate_mgmt: 65, sociology: 55, social_work: 50, engineering_mgmt: 45, info_mgmt_systems: 30 },
  key_group_services: { social_work: 95, demography: 75, sociology: 70, applied_psychology: 65, labour_social_security: 60, community_corrections: 55, nursing: 45, special_education: 35 },
  two_old_one_village: { urban_rural_planning: 90, architecture: 90, heritage_conservation: 70, engineering_mgmt: 60, law: 60, sociology: 60, land_resource_mgmt: 55, real_estate_mgmt: 50 },
  new_residential: { sociology: 85, social_work: 80, urban_rural_planning: 65, public_admin: 60, human_geo_planning: 55, urban_management: 55, public_affairs_mgmt: 50, communication: 35 },
  quasi_residential: { law: 85, urban_management: 75, public_admin: 70, property_mgmt: 70, real_estate_mgmt: 60, land_resource_mgmt: 50, sociology: 50 },
  soe_second_secretary: { party_building: 90, polsci_padmin: 75, sociology: 70, social_work: 65, public_admin: 60, hrm: 50 },
  neighbour_mediation: { sociology: 85, social_work: 80, law: 70, applied_psychology: 60, polsci_padmin: 55, urban_rural_planning: 45, environmental_design: 40 },
  cross_region: { public_admin: 85, regional_economics: 70, urban_management: 65, polsci_padmin: 60, gis: 50, party_building: 50, urban_rural_planning: 50 },
  public_space: { environmental_design: 90, architecture: 85, landscape_architecture: 80, urban_rural_planning: 70, public_art: 70, fine_arts: 50, visual_comm_design: 50, party_building: 45 },
  elderly_care: { gerontology: 90, nursing: 85, eldercare_service_mgmt: 85, social_work: 80, nutrition_food_hygiene: 60, health_service_mgmt: 60, industrial_design: 45, preventive_medicine: 45 },
  digital_governance: { data_science: 90, computer_science: 85, iot_engineering: 70, info_mgmt_systems: 65, artificial_intelligence: 65, gis: 60, big_data_mgmt: 60, public_admin: 50 },
  rural_village: { sociology: 75, human_geo_planning: 70, urban_rural_planning: 70, land_resource_mgmt: 65, landscape_architecture: 55, public_admin: 55, social_work: 55, environmental_science: 50 },
};
