//! Throwaway database servers for the tests: each in its own temporary folder, listening on
//! a Unix socket there (no TCP port, so no clash between parallel tests or engineers), and
//! stopped when the value is dropped. A server that is not installed skips its test with a
//! loud message (`scripts/test` installs them).

#![expect(clippy::print_stderr, reason = "a skipped server test says so loudly")]

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The unprivileged account a server runs as when the tests run as root (PostgreSQL refuses
/// root; MariaDB is happier without it too).
fn account() -> Option<(u32, u32)> {
    if Command::new("id").arg("-u").output().ok()?.stdout.starts_with(b"0\n") {
        for user in ["postgres", "nobody"] {
            let id = |flag: &str| -> Option<u32> {
                let out = Command::new("id").args([flag, user]).output().ok()?;
                String::from_utf8(out.stdout).ok()?.trim().parse().ok()
            };
            if let (Some(uid), Some(gid)) = (id("-u"), id("-g")) {
                return Some((uid, gid));
            }
        }
    }
    None
}

/// A command run as the unprivileged account, when there is one.
fn command(program: &Path, owner: Option<(u32, u32)>) -> Command {
    let mut cmd = Command::new(program);
    if let Some((uid, gid)) = owner {
        cmd.uid(uid).gid(gid);
    }
    cmd.stdin(Stdio::null());
    cmd
}

/// A folder the account owns.
fn private_dir(owner: Option<(u32, u32)>) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("datacarto-db-").tempdir().expect("a temp dir");
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).expect("chown the temp dir");
    }
    dir
}

fn skip(what: &str) {
    eprintln!(
        "\n*** SKIPPED: {what} is not installed; this test did not run. `scripts/test` installs \
         it (Debian packages postgresql, mariadb-server). ***\n"
    );
}

/// Waits until `ready` answers true, or panics after 60 s with the server's log.
fn wait_for(ready: impl Fn() -> bool, log: &Path, what: &str) {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > Duration::from_secs(60) {
            #[expect(clippy::disallowed_methods, reason = "the log of a server that did not start")]
            let text = std::fs::read_to_string(log).unwrap_or_default();
            panic!("{what} did not start in 60 s:\n{text}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A PostgreSQL server.
pub(crate) struct Postgres {
    bin: PathBuf,
    owner: Option<(u32, u32)>,
    dir: tempfile::TempDir,
    child: Child,
}

impl Postgres {
    /// The newest PostgreSQL under /usr/lib/postgresql.
    fn bin() -> Option<PathBuf> {
        let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| {
                let e = e.ok()?;
                let v = e.file_name().to_str()?.parse().ok()?;
                Some((v, e.path().join("bin")))
            })
            .filter(|(_, bin)| bin.join("postgres").exists())
            .collect();
        versions.sort();
        versions.pop().map(|(_, bin)| bin)
    }

    pub(crate) fn start() -> Option<Postgres> {
        let Some(bin) = Self::bin() else {
            skip("PostgreSQL");
            return None;
        };
        let owner = account();
        let dir = private_dir(owner);
        let data = dir.path().join("data");
        let status = command(&bin.join("initdb"), owner)
            .args(["-D"])
            .arg(&data)
            .args(["-U", "datacarto", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("initdb runs");
        assert!(status.success(), "initdb failed");
        let log = dir.path().join("server.log");
        let log_file = std::fs::File::create(&log).expect("a log file");
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(&log, Some(uid), Some(gid)).expect("chown the log");
        }
        let child = command(&bin.join("postgres"), owner)
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(dir.path())
            .args(["-c", "listen_addresses=", "-c", "fsync=off", "-c", "max_connections=20"])
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("postgres starts");
        let pg = Postgres { bin, owner, dir, child };
        let socket = pg.dir.path().join(".s.PGSQL.5432");
        wait_for(
            || socket.exists() && postgres::Client::connect(&pg.url(), postgres::NoTls).is_ok(),
            &log,
            "PostgreSQL",
        );
        Some(pg)
    }

    /// The URL of the `postgres` database on the socket.
    pub(crate) fn url(&self) -> String {
        let host: String = self
            .dir
            .path()
            .to_string_lossy()
            .chars()
            .map(|c| if c == '/' { "%2F".to_owned() } else { c.to_string() })
            .collect();
        format!("postgres://datacarto@{host}/postgres")
    }

    /// Runs SQL as the superuser.
    pub(crate) fn sql(&self, sql: &str) {
        let mut client = postgres::Client::connect(&self.url(), postgres::NoTls)
            .expect("connect to the test server");
        client.batch_execute(sql).expect("test SQL");
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = command(&self.bin.join("pg_ctl"), self.owner)
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["stop", "-m", "immediate", "-w"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A MariaDB server.
pub(crate) struct MariaDb {
    dir: tempfile::TempDir,
    child: Child,
}

impl MariaDb {
    pub(crate) fn start() -> Option<MariaDb> {
        let find = |names: &[&str]| names.iter().map(PathBuf::from).find(|p| p.exists());
        let (Some(server), Some(install)) = (
            find(&["/usr/sbin/mariadbd", "/usr/sbin/mysqld"]),
            find(&["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"]),
        ) else {
            skip("MariaDB");
            return None;
        };
        let root = account().is_some();
        let dir = private_dir(None);
        let data = dir.path().join("data");
        // Once more on failure, into an emptied folder: on a loaded machine its bootstrap
        // server has been seen to give up once; a second failure is real and says why.
        let mut failure = String::new();
        for _ in 0..2 {
            let _ = std::fs::remove_dir_all(&data);
            let mut cmd = command(&install, None);
            cmd.arg("--no-defaults")
                .arg(format!("--datadir={}", data.display()))
                .args(["--auth-root-authentication-method=normal", "--skip-test-db"]);
            if root {
                cmd.arg("--user=root");
            }
            let out = cmd.stdin(Stdio::null()).output().expect("install-db runs");
            if out.status.success() {
                failure.clear();
                break;
            }
            failure = String::from_utf8_lossy(&out.stderr).into_owned();
        }
        assert!(failure.is_empty(), "mariadb-install-db failed: {failure}");
        let log = dir.path().join("server.log");
        let mut cmd = command(&server, None);
        cmd.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", dir.path().join("mysql.sock").display()))
            .arg(format!("--pid-file={}", dir.path().join("mysql.pid").display()))
            .arg(format!("--log-error={}", log.display()))
            .args(["--skip-networking", "--innodb-buffer-pool-size=16M", "--skip-log-bin"]);
        if root {
            cmd.arg("--user=root");
        }
        let child =
            cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("mariadbd starts");
        let db = MariaDb { dir, child };
        wait_for(
            || mysql::Conn::new(mysql::Opts::from_url(&db.url("")).expect("url")).is_ok(),
            &log,
            "MariaDB",
        );
        Some(db)
    }

    /// The URL of `database` as root on the socket.
    pub(crate) fn url(&self, database: &str) -> String {
        format!(
            "mysql://root@localhost/{database}?socket={}",
            self.dir.path().join("mysql.sock").display()
        )
    }

    /// Runs SQL as root.
    pub(crate) fn sql(&self, sql: &str) {
        use mysql::prelude::Queryable as _;
        let mut conn =
            mysql::Conn::new(mysql::Opts::from_url(&self.url("")).expect("url")).expect("connect");
        conn.query_drop(sql).expect("test SQL");
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        // A clean shutdown on SIGTERM, then no mercy after 10 s.
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
