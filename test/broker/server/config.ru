# The real Pact Broker as the test suite and developers run it (see scripts/broker.sh):
# SQLite in SPECPACT_BROKER_DATA_DIR, basic auth with a read/write and a read-only user.
require 'fileutils'
require 'pact_broker'

data_dir = ENV.fetch('SPECPACT_BROKER_DATA_DIR')
FileUtils.mkdir_p(data_dir)

app = PactBroker::App.new do |config|
  config.log_stream = :file
  config.log_dir = data_dir
  config.log_level = ENV.fetch('SPECPACT_BROKER_LOG_LEVEL', 'info')
  config.database_url = "sqlite:///#{File.expand_path(File.join(data_dir, 'pact_broker.sqlite3'))}"
  config.seed_example_data = false
  config.basic_auth_enabled = true
  config.basic_auth_username = ENV.fetch('SPECPACT_BROKER_USERNAME')
  config.basic_auth_password = ENV.fetch('SPECPACT_BROKER_PASSWORD')
  config.basic_auth_read_only_username = ENV.fetch('SPECPACT_BROKER_READ_ONLY_USERNAME')
  config.basic_auth_read_only_password = ENV.fetch('SPECPACT_BROKER_READ_ONLY_PASSWORD')
  config.public_heartbeat = true
end

run app
