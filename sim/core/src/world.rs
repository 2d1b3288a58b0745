//! The simulated world: instances (with their nodes and databases) and actions. Actions are
//! time-based and settled lazily: every request first applies the actions whose due time has
//! passed ([`World::settle`]), in due order, so a test that waits `actionMs` then reads sees
//! the change — deterministic without background tasks.

use std::collections::BTreeMap;

use itcare_postgresql::models::{
    Action, ActionStatus, Backup, BackupPolicy, BackupPolicyDetails, Database, DatabaseExtension,
    FileSystem, Node, NodeBackup, PatchParty, PostgresqlInstance, Region, Replication, Snapshot,
    StorageInformation, SupportLevel,
};
use itcare_postgresql::time::format_rfc3339;
use itcare_postgresql::validate::parse_node_sizing;

use crate::catalog::{self, AreaDef, NetworkDef, ProductDef, Service};

const DAY_MS: i64 = 86_400_000;
/// Ids of instances created at run time start here (seeded ones sit just below).
const FIRST_INSTANCE_ID: i64 = 500_061_900;
const FIRST_ACTION_ID: i64 = 7_300_001;
/// Most actions kept: past it, the oldest finished ones are forgotten (their id then gives 404),
/// so a long-running simulator's memory and `GET /itcare/actions` stay bounded. Actions in
/// progress are always kept.
pub const MAX_ACTIONS: usize = 1000;

/// A demo instance: id, name, service, area, product, sizing, status, HA, trigram.
type Seed = (
    i64,
    &'static str,
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static str,
);

/// What an instance is made from: a create request or a seed.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Instance name (C1).
    pub name: String,
    /// Service.
    pub service: &'static Service,
    /// Area.
    pub area: &'static AreaDef,
    /// First node's zone `(az id, data center)`.
    pub zone: (&'static str, &'static str),
    /// Network.
    pub network: &'static NetworkDef,
    /// Product.
    pub product: &'static ProductDef,
    /// `<N>cpu<M>gb`.
    pub node_sizing: String,
    /// Disk size in GB.
    pub disk_size: i64,
    /// HA or not.
    pub ha: bool,
    /// Trigram.
    pub trigram: String,
    /// Node name prefix (HA), if given.
    pub node_prefix: Option<String>,
    /// TLS.
    pub tls: bool,
    /// Allowed replication lag (MB).
    pub allowed_replication_lag: i64,
    /// Backups enabled.
    pub backup: bool,
    /// Support level.
    pub support_level: SupportLevel,
    /// Cloud id.
    pub cloud_id: i64,
    /// Who asked for it.
    pub created_by: String,
}

/// An instance and what hangs off it.
#[derive(Debug, Clone)]
pub struct Inst {
    /// What `GET /databases/postgresql/{id}` answers.
    pub data: PostgresqlInstance,
    /// `GET .../nodes`.
    pub nodes: Vec<Node>,
    /// `GET .../databases`.
    pub databases: Vec<Database>,
    /// The action in progress on it, if any (a second operation gets 409).
    pub busy: Option<i64>,
    /// Creation spec (zone, network, product... for later changes).
    pub spec: Spec,
}

impl Inst {
    /// Instance id.
    pub fn id(&self) -> i64 {
        self.data.id.unwrap_or_default()
    }
    /// Instance name.
    pub fn name(&self) -> &str {
        self.data.name.as_deref().unwrap_or_default()
    }
    /// Status text.
    pub fn status(&self) -> &str {
        self.data.status.as_deref().unwrap_or_default()
    }
    /// Major version.
    pub fn major(&self) -> i64 {
        self.data
            .version
            .as_deref()
            .and_then(catalog::major_of)
            .unwrap_or(self.spec.product.major)
    }
    /// P5: the versions it can be upgraded to.
    pub fn versions(&self) -> Vec<i64> {
        catalog::upgrade_targets(self.major())
    }
}

/// The state change an action applies when it completes.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// creating -> ACTIVE.
    Create,
    /// Removes the instance.
    Delete,
    /// -> ACTIVE.
    Start,
    /// -> STOPPED.
    Stop,
    /// New sizing (O2).
    Resize(String),
    /// STANDALONE -> HA with this replication lag (O4).
    EnableHa(i64),
    /// Already applied at submission (O5 is synchronous).
    PatchParty,
    /// Adds extensions to a database (O6).
    InstallExtension {
        /// Database.
        dbname: String,
        /// Extension names.
        names: Vec<String>,
    },
    /// New major version (O7).
    Upgrade(i64),
    /// Point-in-time restore from another instance (O3).
    Restore {
        /// Source instance.
        source_id: i64,
        /// `BEFORE` / `AFTER`.
        stop: String,
        /// Point in time.
        timestamp: String,
    },
}

/// An action and its bookkeeping.
#[derive(Debug, Clone)]
pub struct ActionRec {
    /// Action id.
    pub id: i64,
    /// The instance it works on.
    pub resource_id: i64,
    /// The instance's name.
    pub resource_name: String,
    /// The instance's service.
    pub service_id: i64,
    /// Request id (A3 filter).
    pub request_id: String,
    /// Operation name (`create`, `delete`, `stop`...).
    pub operation: &'static str,
    /// Submission time (ms).
    pub submitted_at: i64,
    /// Who submitted it.
    pub submitted_by: String,
    /// When it completes (ms).
    pub due: i64,
    /// Whether it ends in ERROR (fault injection).
    pub fail: bool,
    /// Current status.
    pub status: ActionStatus,
    /// Completion time (ms).
    pub completed_at: Option<i64>,
    /// Message.
    pub message: String,
    /// What it does on completion.
    pub change: Change,
    /// Instance status before the action (restored on ERROR).
    pub prev_status: String,
}

impl ActionRec {
    /// The SDK model: A1 fields, plus the A2 ones when `detail`.
    pub fn model(&self, detail: bool) -> Action {
        let last = self.completed_at.unwrap_or(self.submitted_at);
        Action {
            id: Some(self.id),
            // The instance id: A1 has no resourceId, and a client needs the new instance's id.
            internal_id: Some(self.resource_id),
            family: Some("DATABASE".into()),
            process: Some(format!("postgresql.{}", self.operation)),
            message: Some(self.message.clone()),
            resource_name: Some(self.resource_name.clone()),
            resource_type: Some("POSTGRESQL".into()),
            status: Some(self.status.clone()),
            last_updated_at: Some(format_rfc3339(last)),
            submitted_at: detail.then(|| format_rfc3339(self.submitted_at)),
            submitted_by: detail.then(|| self.submitted_by.clone()),
            completed_at: if detail {
                self.completed_at.map(format_rfc3339)
            } else {
                None
            },
        }
    }
}

/// Instances and actions.
#[derive(Debug, Default)]
pub struct World {
    /// Instances by id.
    pub instances: BTreeMap<i64, Inst>,
    /// Actions by id.
    pub actions: BTreeMap<i64, ActionRec>,
    next_instance: i64,
    next_action: i64,
    next_node: i64,
}

fn verb(op: &str) -> (&'static str, &'static str) {
    match op {
        "create" => ("Creating", "created"),
        "delete" => ("Deleting", "deleted"),
        "start" => ("Starting", "started"),
        "stop" => ("Stopping", "stopped"),
        "resize" => ("Resizing", "resized"),
        "restore" => ("Restoring", "restored"),
        "enable_ha" => ("Converting to HA", "converted to HA"),
        "update_patch_party" => ("Updating patch party of", "patch party updated"),
        "install_extension" => ("Installing extensions on", "extensions installed"),
        "upgrade" => ("Upgrading", "upgraded"),
        _ => ("Updating", "updated"),
    }
}

impl World {
    /// An empty world, or the demo one when `seed`.
    pub fn new(seed: bool, now: i64) -> World {
        let mut w = World {
            next_instance: FIRST_INSTANCE_ID,
            next_action: FIRST_ACTION_ID,
            next_node: 600_100_001,
            ..World::default()
        };
        if seed {
            w.seed(now);
        }
        w
    }

    /// Number of instances.
    pub fn instance_count(&self) -> usize {
        self.instances.len()
    }

    /// Whether an instance already uses `name` (409).
    pub fn name_taken(&self, name: &str) -> bool {
        self.instances.values().any(|i| i.name() == name)
    }

    fn seed(&mut self, now: i64) {
        let seeds: [Seed; 4] = [
            (
                500_061_854,
                "billingqa01",
                123,
                "EB-QA",
                "deb12pg16",
                "2cpu4gb",
                "ACTIVE",
                false,
                "BIL",
            ),
            (
                500_061_855,
                "billingprd01",
                456,
                "EB-PROD",
                "deb12pg15",
                "4cpu16gb",
                "ACTIVE",
                true,
                "BIL",
            ),
            (
                500_061_856,
                "datalab01",
                789,
                "EB-QA",
                "deb11pg14",
                "2cpu8gb",
                "ACTIVE",
                false,
                "DLB",
            ),
            (
                500_061_857,
                "legacyapp01",
                123,
                "EB-QA",
                "deb10pg11",
                "2cpu2gb",
                "STOPPED",
                false,
                "LEG",
            ),
        ];
        for (id, name, service, area, product, sizing, status, ha, trigram) in seeds {
            let (Some(service), Some(area), Some(product)) = (
                catalog::service(service),
                catalog::area(area),
                catalog::product(product),
            ) else {
                continue;
            };
            let Some(zone) = area.zone(None) else {
                continue;
            };
            let Some(network) = catalog::NETWORKS.iter().find(|n| n.area == area.id) else {
                continue;
            };
            let spec = Spec {
                name: name.into(),
                service,
                area,
                zone,
                network,
                product,
                node_sizing: sizing.into(),
                disk_size: if ha { 200 } else { 80 },
                ha,
                trigram: trigram.into(),
                node_prefix: ha.then(|| "BILPRD".to_string()),
                tls: true,
                allowed_replication_lag: if ha { 50 } else { 10 },
                backup: true,
                support_level: SupportLevel::NoMonitoringNoSupport,
                cloud_id: 1,
                created_by: "jane.doe@cegedim.com".into(),
            };
            let mut inst = self.build(id, spec, now - 120 * DAY_MS - id % 7 * DAY_MS, now, status);
            let app_db = inst.databases.get_mut(1);
            if let Some(db) = app_db {
                db.extensions.push(DatabaseExtension {
                    name: Some("pg_stat_statements".into()),
                    schema: Some("public".into()),
                    version: Some("1.10".into()),
                });
            }
            self.instances.insert(id, inst);
        }
    }

    fn node_id(&mut self) -> i64 {
        self.next_node += 1;
        self.next_node
    }

    /// Allocates the id of a new instance.
    pub fn new_instance_id(&mut self) -> i64 {
        let id = self.next_instance;
        self.next_instance += 1;
        id
    }

    /// Builds an instance with every field of the reference's GET shape filled.
    pub fn build(&mut self, id: i64, spec: Spec, created: i64, now: i64, status: &str) -> Inst {
        let (cpu, ram) = parse_node_sizing(&spec.node_sizing).unwrap_or((2, 4));
        let p = spec.product;
        let production = spec.service.production;
        let policy_id = if production {
            "PG-PROD-14D"
        } else {
            "PG-STD-7D"
        };
        // Last nightly backup at 02:00 UTC, not before the instance existed.
        let mut last_backup = now_floor_day(now) + 2 * 3_600_000;
        if last_backup > now {
            last_backup -= DAY_MS;
        }
        let last_backup = last_backup.max(created);
        let backups = BackupPolicyDetails {
            backups: if spec.backup {
                vec![
                    Backup {
                        backup_last_date: Some(format_rfc3339(last_backup)),
                        backup_size: Some(3.7),
                        id: Some(id * 10 + 1),
                        r#type: Some("FULL".into()),
                    },
                    Backup {
                        backup_last_date: Some(format_rfc3339(
                            (last_backup - 3_600_000).max(created),
                        )),
                        backup_size: Some(0.4),
                        id: Some(id * 10 + 2),
                        r#type: Some("WAL".into()),
                    },
                ]
            } else {
                Vec::new()
            },
            policies: if spec.backup {
                vec![BackupPolicy {
                    backup_last_date: Some(format_rfc3339(last_backup)),
                    backup_size: Some(3.7),
                    duration_in_hours: Some(if production { 14 * 24 } else { 7 * 24 }),
                    frequencies: Some(serde_json::json!({"full": "DAILY", "wal": "CONTINUOUS"})),
                    label: Some(
                        if production {
                            "PostgreSQL production, 14 days"
                        } else {
                            "PostgreSQL standard, 7 days"
                        }
                        .into(),
                    ),
                    name: Some(policy_id.into()),
                    policy_id: Some(policy_id.into()),
                    replication: Some(production),
                    scope: Some("DATABASE".into()),
                    start_time: Some("02:00".into()),
                    timezone: Some("Europe/Paris".into()),
                    r#type: Some("PITR".into()),
                }]
            } else {
                Vec::new()
            },
        };
        let patch_party = PatchParty {
            excluded: Some(false),
            excluded_by: None,
            exclusion_date: None,
            exclusion_reason: None,
            id: Some(40 + id % 10),
            name: Some(
                if production {
                    "PP-PROD-THU-22H"
                } else {
                    "PP-QA-TUE-10H"
                }
                .into(),
            ),
            patch_date: Some(format_rfc3339(
                now_floor_day(now) + (5 + id % 3) * DAY_MS + 22 * 3_600_000,
            )),
            patch_group: Some(if production { "2" } else { "1" }.into()),
            patch_tag: Some(
                if production {
                    "prod-wave-2"
                } else {
                    "qa-wave-1"
                }
                .into(),
            ),
        };
        let (_, dc) = spec.zone;
        let region = spec.area.region;
        let mut inst = Inst {
            data: PostgresqlInstance {
                allow_monitoring_display: Some(true),
                allowed_replication_lag: Some(spec.allowed_replication_lag),
                area: Some(spec.area.id.into()),
                backup_policy_details: Some(backups),
                backup_status: Some(spec.backup),
                category: Some("DATABASE".into()),
                cloud_id: Some(spec.cloud_id),
                cloud_name: Some("cegedim.cloud".into()),
                comment: Some(format!("PostgreSQL {} for {}", p.major, spec.service.name)),
                cpu: Some(cpu),
                creation_time: Some(format_rfc3339(created)),
                creation_user: Some(spec.created_by.clone()),
                end_of_sales_at: Some(p.end_of_sales_at.into()),
                end_of_support_at: Some(p.end_of_support_at.into()),
                environment: Some(
                    if production {
                        "PRODUCTION"
                    } else {
                        "NON_PRODUCTION"
                    }
                    .into(),
                ),
                extended_support_at: Some(p.end_of_support_at.into()),
                family: Some("DATABASE".into()),
                id: Some(id),
                instance_count: Some(1),
                internal_resource_id: Some(id + 1_000_000),
                internal_type: Some("PGSQL_CLUSTER".into()),
                ip_address: None,
                label: Some(spec.name.clone()),
                label_area: Some(spec.area.id.into()),
                label_availability_zone: Some(spec.zone.0.into()),
                label_data_center: Some(
                    catalog::data_center(dc)
                        .map(|d| format!("{} ({})", d.id, d.location))
                        .unwrap_or_else(|| dc.into()),
                ),
                label_region: Some(catalog::region_label(region).into()),
                metrology_url: Some(format!(
                    "https://metrology.cegedim.cloud/d/postgresql?var-instance={}",
                    spec.name
                )),
                monitoring_requested: Some(production),
                name: Some(spec.name.clone()),
                network: Some(spec.network.model()),
                network_id: Some(spec.network.id),
                node_count: Some(1),
                node_sizing: Some(spec.node_sizing.clone()),
                patch_party: Some(patch_party),
                path: Some(format!(
                    "/{}/databases/postgresql/{}",
                    spec.service.key, spec.name
                )),
                pretty_label: Some(format!("{} (PostgreSQL {})", spec.name, p.major)),
                product_code: Some(p.code.into()),
                product_name: Some(format!("PostgreSQL {} on Debian {}", p.major, p.debian)),
                product_version: Some(p.release.into()),
                ram: Some(ram),
                released_at: Some(p.released_at.into()),
                replication_status: Some(false),
                resource_type: Some("POSTGRESQL".into()),
                service_id: Some(spec.service.id),
                service_key: Some(spec.service.key.into()),
                service_name: Some(spec.service.name.into()),
                sizing: Some(format!("{cpu} vCPU / {ram} GB")),
                status: Some(status.into()),
                storage: Some(spec.disk_size),
                support_level: Some(spec.support_level.clone()),
                support_phase: Some(p.support_phase.into()),
                technology: Some("PostgreSQL".into()),
                tls_enabled: Some(spec.tls),
                topology: Some("STANDALONE".into()),
                trigram: Some(spec.trigram.clone()),
                r#type: Some("PAAS".into()),
                url: Some(format!(
                    "https://itcare.cegedim.cloud/resources/postgresql/{id}"
                )),
                version: Some(p.release.into()),
            },
            nodes: Vec::new(),
            databases: vec![
                Database {
                    name: Some("postgres".into()),
                    extensions: vec![DatabaseExtension {
                        name: Some("plpgsql".into()),
                        schema: Some("pg_catalog".into()),
                        version: Some("1.0".into()),
                    }],
                },
                Database {
                    name: Some(spec.name.clone()),
                    extensions: vec![DatabaseExtension {
                        name: Some("plpgsql".into()),
                        schema: Some("pg_catalog".into()),
                        version: Some("1.0".into()),
                    }],
                },
            ],
            busy: None,
            spec,
        };
        let first_zone = inst.spec.zone;
        let node = self.node(&inst, 1, first_zone, created);
        inst.nodes.push(node);
        if inst.spec.ha {
            self.add_ha_node(&mut inst, created);
        }
        refresh(&mut inst);
        inst
    }

    fn add_ha_node(&mut self, inst: &mut Inst, now: i64) {
        // P3: the second node goes to the paired data center (EB4 -> EB5, ET1 -> ET2).
        let (_, dc) = inst.spec.zone;
        let pair = catalog::data_center(dc).map(|d| d.pair).unwrap_or(dc);
        let zone = inst.spec.area.zone_in(pair).unwrap_or(inst.spec.zone);
        let n = i64::try_from(inst.nodes.len()).unwrap_or(1) + 1;
        let node = self.node(inst, n, zone, now);
        inst.nodes.push(node);
        inst.data.topology = Some("HA".into());
        inst.data.replication_status = Some(true);
        refresh(inst);
    }

    fn node(&mut self, inst: &Inst, n: i64, zone: (&'static str, &'static str), now: i64) -> Node {
        let spec = &inst.spec;
        let d = &inst.data;
        let id = self.node_id();
        let prefix = spec
            .node_prefix
            .clone()
            .unwrap_or_else(|| format!("{}PGS", spec.trigram.to_uppercase()));
        let host = u32::try_from(id % 200).unwrap_or(0) + 10;
        let ip = spec.network.ip(host);
        let area_model = spec.area.model();
        Node {
            area: Some(area_model.clone()),
            authentication_domain: Some("cegedim.cloud".into()),
            availability_zone: Some(spec.area.zone_model(zone)),
            backup: Some(NodeBackup {
                backup_system: Some("NetBackup".into()),
                files_nb: Some(1_824),
                last_date: d
                    .backup_policy_details
                    .as_ref()
                    .and_then(|b| b.backups.first())
                    .and_then(|b| b.backup_last_date.clone()),
                size: Some(3.7),
                r#type: Some("FULL".into()),
            }),
            backup_policy_details: d.backup_policy_details.clone(),
            backup_status: d.backup_status,
            category: Some("VM".into()),
            cloud_id: d.cloud_id,
            cloud_name: d.cloud_name.clone(),
            comment: Some(format!("Member {n} of {}", spec.name)),
            cpu: d.cpu,
            creation_time: Some(format_rfc3339(now)),
            creation_user: d.creation_user.clone(),
            enable_profile_base_ntp: Some(true),
            enable_profile_base_resolve: Some(true),
            end_of_sales_at: d.end_of_sales_at.clone(),
            end_of_support_at: d.end_of_support_at.clone(),
            environment: d.environment.clone(),
            extended_support_at: d.extended_support_at.clone(),
            family: Some("COMPUTE".into()),
            firewall_block_intra_subnet_traffic: Some(false),
            firewall_enable: Some(true),
            firewall_purge: Some(false),
            id: Some(id),
            image_code: Some(format!(
                "debian-{}-pgsql-{}",
                spec.product.debian, spec.product.major
            )),
            internal_resource_id: Some(id + 1_000_000),
            internal_type: Some("VM".into()),
            ip_address: Some(ip),
            is_external_ingress_node: Some(false),
            is_internal_ingress_node: Some(false),
            is_member_of_load_balancer: Some(false),
            label: Some(format!("{prefix}{n:02}")),
            label_area: d.label_area.clone(),
            label_availability_zone: Some(zone.0.into()),
            label_data_center: Some(
                catalog::data_center(zone.1)
                    .map(|c| format!("{} ({})", c.id, c.location))
                    .unwrap_or_else(|| zone.1.into()),
            ),
            label_region: d.label_region.clone(),
            loadbalancers: Vec::new(),
            manage_sentinel_one: Some(true),
            metrology_url: Some(format!(
                "https://metrology.cegedim.cloud/d/node?var-host={}{n:02}",
                prefix.to_lowercase()
            )),
            monitoring_requested: d.monitoring_requested,
            name: Some(format!("{prefix}{n:02}")),
            network: d.network.clone(),
            ntp_servers: vec!["ntp1.cegedim.cloud".into(), "ntp2.cegedim.cloud".into()],
            os_name: Some(format!("Debian GNU/Linux {}", spec.product.debian)),
            os_type: Some("LINUX".into()),
            parent_resource_type: Some("POSTGRESQL".into()),
            patch_party: d.patch_party.clone(),
            path: Some(format!(
                "{}/{prefix}{n:02}",
                d.path.as_deref().unwrap_or_default()
            )),
            pretty_label: Some(format!("{prefix}{n:02} ({} member {n})", spec.name)),
            product_code: d.product_code.clone(),
            product_name: d.product_name.clone(),
            product_version: d.product_version.clone(),
            ram: d.ram,
            region: Some(Region {
                areas: vec![area_model],
                data_center: Some(zone.1.into()),
                id: Some(spec.area.region.into()),
                location: Some(catalog::region_label(spec.area.region).into()),
            }),
            relay_host: Some("smtp-relay.cegedim.cloud".into()),
            released_at: d.released_at.clone(),
            replication: Some(Replication {
                no_sto_rpl_explanation: (!spec.service.production)
                    .then(|| "Non-production service".to_string()),
                storage_class: Some(
                    if spec.service.production {
                        "GOLD"
                    } else {
                        "SILVER"
                    }
                    .into(),
                ),
                storage_class_override: None,
                storage_move_in_progress: Some(false),
                storage_move_ticket: None,
                storage_replication_class: Some(
                    if spec.service.production {
                        "SYNC"
                    } else {
                        "NONE"
                    }
                    .into(),
                ),
            }),
            replication_status: Some(spec.service.production),
            resource_type: Some("VM".into()),
            service_id: d.service_id,
            service_key: d.service_key.clone(),
            service_name: d.service_name.clone(),
            snapshot: Some(Snapshot {
                change_reference: Some("RFC-0000".into()),
                created_at: Some(format_rfc3339(now + DAY_MS)),
                created_by: Some("itcare".into()),
                description: Some("Snapshot before patch party".into()),
                expires_at: Some(format_rfc3339(now + 8 * DAY_MS)),
                id: Some(format!("snap-{id}")),
                label: Some("pre-patch".into()),
                recovered_at: None,
                snapshot_size: Some(12.5),
            }),
            status: d.status.clone(),
            storage: d.storage,
            storage_information: Some(StorageInformation {
                file_systems: vec![
                    FileSystem {
                        free: Some(14.2),
                        mounting_point: Some("/".into()),
                        size_of: Some(20.0),
                        r#type: Some("ext4".into()),
                    },
                    FileSystem {
                        free: d.storage.map(|s| s as f64 * 0.82),
                        mounting_point: Some("/data".into()),
                        size_of: d.storage.map(|s| s as f64),
                        r#type: Some("xfs".into()),
                    },
                ],
                total_size_disks: d.storage.map(|s| s as f64 + 20.0),
                total_size_file_systems: d.storage.map(|s| s as f64 + 20.0),
            }),
            storage_move_in_progress: Some(false),
            support_level: d.support_level.clone(),
            support_phase: d.support_phase.clone(),
            technology: Some("PostgreSQL".into()),
            r#type: Some("VM".into()),
        }
    }

    /// Applies every action due by `now`, in due order.
    pub fn settle(&mut self, now: i64) {
        let mut due: Vec<(i64, i64)> = self
            .actions
            .values()
            .filter(|a| a.status == ActionStatus::InProgress && a.due <= now)
            .map(|a| (a.due, a.id))
            .collect();
        due.sort_unstable();
        for (_, id) in due {
            self.complete(id);
        }
    }

    /// Completes every action in progress now (`POST /_sim/finish-actions`). Returns how many.
    pub fn finish_all(&mut self, now: i64) -> usize {
        let mut n = 0;
        for a in self.actions.values_mut() {
            if a.status == ActionStatus::InProgress {
                a.due = a.due.min(now);
                n += 1;
            }
        }
        self.settle(now);
        n
    }

    fn complete(&mut self, action_id: i64) {
        let Some(a) = self.actions.get(&action_id).cloned() else {
            return;
        };
        let (_, done) = verb(a.operation);
        let mut status = ActionStatus::Success;
        let mut message = format!("PostgreSQL instance {} {done}", a.resource_name);
        if a.fail {
            status = ActionStatus::Error;
            message = format!(
                "Simulated failure (fault injection): {} of PostgreSQL instance {} failed, contact support",
                a.operation, a.resource_name
            );
            if let Some(inst) = self.instances.get_mut(&a.resource_id) {
                inst.busy = None;
                let back = if a.change == Change::Create {
                    "ERROR".to_string()
                } else {
                    a.prev_status.clone()
                };
                set_status(inst, &back);
            }
        } else {
            self.apply(&a);
        }
        if let Some(rec) = self.actions.get_mut(&action_id) {
            rec.status = status;
            rec.message = message;
            rec.completed_at = Some(a.due);
        }
    }

    fn apply(&mut self, a: &ActionRec) {
        if a.change == Change::Delete {
            self.instances.remove(&a.resource_id);
            return;
        }
        let source = match &a.change {
            Change::Restore { source_id, .. } => self
                .instances
                .get(source_id)
                .map(|s| (s.name().to_string(), s.databases.clone())),
            _ => None,
        };
        let Some(mut inst) = self.instances.remove(&a.resource_id) else {
            return;
        };
        inst.busy = None;
        match &a.change {
            Change::Create | Change::Start => set_status(&mut inst, "ACTIVE"),
            Change::Stop => set_status(&mut inst, "STOPPED"),
            Change::Resize(sizing) => {
                if let Some((cpu, ram)) = parse_node_sizing(sizing) {
                    inst.spec.node_sizing = sizing.clone();
                    inst.data.node_sizing = Some(sizing.clone());
                    inst.data.cpu = Some(cpu);
                    inst.data.ram = Some(ram);
                    inst.data.sizing = Some(format!("{cpu} vCPU / {ram} GB"));
                    for n in &mut inst.nodes {
                        n.cpu = Some(cpu);
                        n.ram = Some(ram);
                    }
                }
            }
            Change::EnableHa(lag) => {
                inst.spec.ha = true;
                inst.data.allowed_replication_lag = Some(*lag);
                self.add_ha_node(&mut inst, a.due);
            }
            Change::PatchParty | Change::Delete => {}
            Change::InstallExtension { dbname, names } => {
                let offered = catalog::extensions(inst.major());
                if let Some(db) = inst
                    .databases
                    .iter_mut()
                    .find(|d| d.name.as_deref() == Some(dbname.as_str()))
                {
                    for name in names {
                        if db
                            .extensions
                            .iter()
                            .any(|e| e.name.as_deref() == Some(name.as_str()))
                        {
                            continue;
                        }
                        let version = offered
                            .iter()
                            .find(|e| e.name.as_deref() == Some(name.as_str()))
                            .and_then(|e| e.version.clone());
                        db.extensions.push(DatabaseExtension {
                            name: Some(name.clone()),
                            schema: Some("public".into()),
                            version,
                        });
                    }
                }
            }
            Change::Upgrade(target) => {
                if let Some(p) = catalog::product_of_major(*target) {
                    inst.spec.product = p;
                    let d = &mut inst.data;
                    d.version = Some(p.release.into());
                    d.product_code = Some(p.code.into());
                    d.product_name = Some(format!("PostgreSQL {} on Debian {}", p.major, p.debian));
                    d.product_version = Some(p.release.into());
                    d.released_at = Some(p.released_at.into());
                    d.end_of_sales_at = Some(p.end_of_sales_at.into());
                    d.end_of_support_at = Some(p.end_of_support_at.into());
                    d.extended_support_at = Some(p.end_of_support_at.into());
                    d.support_phase = Some(p.support_phase.into());
                    d.pretty_label = Some(format!("{} (PostgreSQL {})", inst.spec.name, p.major));
                    for n in &mut inst.nodes {
                        n.product_code = d.product_code.clone();
                        n.product_name = d.product_name.clone();
                        n.product_version = d.product_version.clone();
                        n.os_name = Some(format!("Debian GNU/Linux {}", p.debian));
                        n.image_code = Some(format!("debian-{}-pgsql-{}", p.debian, p.major));
                    }
                }
            }
            Change::Restore {
                source_id,
                stop,
                timestamp,
            } => {
                let src_name = source
                    .as_ref()
                    .map(|s| s.0.clone())
                    .unwrap_or_else(|| source_id.to_string());
                inst.data.comment = Some(format!(
                    "Restored from {src_name} ({source_id}) to {timestamp}, stop {stop}"
                ));
                if let Some((_, dbs)) = source {
                    inst.databases = dbs;
                }
            }
        }
        refresh(&mut inst);
        self.instances.insert(a.resource_id, inst);
    }

    /// Records a new action on `resource_id` (IN_PROGRESS until `now + action_ms`) and marks the
    /// instance busy. Returns the action id.
    #[allow(clippy::too_many_arguments)]
    pub fn submit(
        &mut self,
        resource_id: i64,
        operation: &'static str,
        change: Change,
        now: i64,
        action_ms: u64,
        fail: bool,
        submitted_by: &str,
    ) -> Option<i64> {
        let inst = self.instances.get_mut(&resource_id)?;
        let id = self.next_action;
        self.next_action += 1;
        let (doing, _) = verb(operation);
        let prev_status = inst.status().to_string();
        let sync = change == Change::PatchParty;
        let rec = ActionRec {
            id,
            resource_id,
            resource_name: inst.name().to_string(),
            service_id: inst.spec.service.id,
            request_id: format!("req-{id:x}"),
            operation,
            submitted_at: now,
            submitted_by: submitted_by.to_string(),
            due: if sync {
                now
            } else {
                now.saturating_add(i64::try_from(action_ms).unwrap_or(i64::MAX))
            },
            fail: fail && !sync,
            status: if sync {
                ActionStatus::Success
            } else {
                ActionStatus::InProgress
            },
            completed_at: sync.then_some(now),
            message: if sync {
                format!("PostgreSQL instance {} patch party updated", inst.name())
            } else {
                format!("{doing} PostgreSQL instance {}", inst.name())
            },
            change: change.clone(),
            prev_status,
        };
        if !sync {
            inst.busy = Some(id);
            match change {
                Change::Delete => set_status(inst, "DELETING"),
                Change::Create => set_status(inst, "CREATING"),
                _ => {}
            }
        }
        self.actions.insert(id, rec);
        self.forget_old_actions();
        Some(id)
    }
}

impl World {
    /// Drops the oldest finished actions beyond [`MAX_ACTIONS`].
    fn forget_old_actions(&mut self) {
        let excess = self.actions.len().saturating_sub(MAX_ACTIONS);
        if excess == 0 {
            return;
        }
        let old: Vec<i64> = self
            .actions
            .values()
            .filter(|a| a.status != ActionStatus::InProgress)
            .map(|a| a.id)
            .take(excess)
            .collect();
        for id in old {
            self.actions.remove(&id);
        }
    }
}

/// Midnight UTC of the day of `ms`.
fn now_floor_day(ms: i64) -> i64 {
    ms - ms.rem_euclid(DAY_MS)
}

/// Sets the instance's and its nodes' status.
pub fn set_status(inst: &mut Inst, status: &str) {
    inst.data.status = Some(status.to_string());
    for n in &mut inst.nodes {
        n.status = Some(status.to_string());
    }
}

/// Recomputes the derived fields after a change.
fn refresh(inst: &mut Inst) {
    let count = i64::try_from(inst.nodes.len()).unwrap_or(1);
    inst.data.node_count = Some(count);
    inst.data.ip_address = inst.nodes.first().and_then(|n| n.ip_address.clone());
    let status = inst.data.status.clone();
    for n in &mut inst.nodes {
        n.status = status.clone();
    }
}
