-- Container start-up (docker-compose): one database per service, as deploy/postgres/create-databases.sh does locally.
CREATE DATABASE civic_registry;
CREATE DATABASE civic_experts;
CREATE DATABASE civic_matching;
CREATE DATABASE civic_reporting;
CREATE DATABASE civic_notifications;
