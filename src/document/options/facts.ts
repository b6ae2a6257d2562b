// Generated from policies/facts/data.json by tools/build.mjs: edit that file, then npm run build.
import type { Facts } from "./specs.js";

export const FACTS: Facts = {
  "active_unit_states": [
    "enabled",
    "enabled-runtime",
    "static",
    "indirect",
    "linked",
    "linked-runtime",
    "alias",
    "generated"
  ],
  "options": {
    "nova": {
      "DEFAULT": {
        "host": {
          "type": "string",
          "default": null,
          "computed": true
        },
        "my_ip": {
          "type": "string",
          "default": null,
          "computed": true
        },
        "compute_driver": {
          "type": "string",
          "default": null
        },
        "force_raw_images": {
          "type": "boolean",
          "default": true,
          "read": "start"
        }
      },
      "vnc": {
        "enabled": {
          "type": "boolean",
          "default": true,
          "deprecated_names": [
            {
              "section": "DEFAULT",
              "option": "vnc_enabled"
            }
          ]
        },
        "server_listen": {
          "type": "string",
          "default": "127.0.0.1",
          "deprecated_names": [
            {
              "section": "DEFAULT",
              "option": "vncserver_listen",
              "removed_in": [
                25,
                0,
                0
              ]
            },
            {
              "section": "vnc",
              "option": "vncserver_listen",
              "removed_in": [
                25,
                0,
                0
              ]
            }
          ]
        },
        "auth_schemes": {
          "type": "string",
          "default": "none"
        }
      },
      "libvirt": {
        "virt_type": {
          "type": "string",
          "default": "kvm",
          "choices": [
            "kvm",
            "lxc",
            "qemu",
            "parallels"
          ],
          "read": "start"
        },
        "connection_uri": {
          "type": "string",
          "default": ""
        },
        "live_migration_scheme": {
          "type": "string",
          "default": null,
          "read": "migration"
        },
        "live_migration_uri": {
          "type": "string",
          "default": null,
          "read": "migration"
        },
        "live_migration_inbound_addr": {
          "type": "string",
          "default": null
        },
        "live_migration_tunnelled": {
          "type": "boolean",
          "default": false,
          "read": "start"
        },
        "live_migration_with_native_tls": {
          "type": "boolean",
          "default": false,
          "read": "start"
        },
        "live_migration_permit_post_copy": {
          "type": "boolean",
          "default": false,
          "read": "start"
        },
        "live_migration_permit_auto_converge": {
          "type": "boolean",
          "default": false,
          "read": "start"
        },
        "live_migration_parallel_connections": {
          "type": "integer",
          "default": 1
        },
        "images_type": {
          "type": "string",
          "default": "default",
          "choices": [
            "raw",
            "flat",
            "qcow2",
            "lvm",
            "rbd",
            "ploop",
            "default"
          ],
          "read": "start"
        },
        "live_migration_bandwidth": {
          "type": "integer",
          "default": 0,
          "read": "migration"
        }
      }
    },
    "libvirtd": {
      "listen_tls": {
        "type": "bool",
        "default": 1
      },
      "listen_tcp": {
        "type": "bool",
        "default": 0
      },
      "tls_port": {
        "type": "string",
        "default": "16514"
      },
      "tcp_port": {
        "type": "string",
        "default": "16509"
      },
      "listen_addr": {
        "type": "string",
        "default": null
      },
      "auth_tcp": {
        "type": "string",
        "default": "sasl"
      },
      "auth_tls": {
        "type": "string",
        "default": "none"
      },
      "key_file": {
        "type": "string",
        "default": "/etc/pki/libvirt/private/serverkey.pem"
      },
      "cert_file": {
        "type": "string",
        "default": "/etc/pki/libvirt/servercert.pem"
      },
      "ca_file": {
        "type": "string",
        "default": "/etc/pki/CA/cacert.pem"
      },
      "crl_file": {
        "type": "string",
        "default": null
      },
      "tls_no_verify_certificate": {
        "type": "bool",
        "default": 0
      },
      "tls_no_sanity_certificate": {
        "type": "bool",
        "default": 0
      },
      "tls_allowed_dn_list": {
        "type": "string-list",
        "default": null
      },
      "sasl_allowed_username_list": {
        "type": "string-list",
        "default": null
      },
      "tls_priority": {
        "type": "string",
        "default": null
      },
      "unix_sock_group": {
        "type": "string",
        "default": null
      },
      "unix_sock_rw_perms": {
        "type": "string",
        "default": null
      },
      "auth_unix_rw": {
        "type": "string",
        "default": null
      },
      "access_drivers": {
        "type": "string-list",
        "default": null
      }
    },
    "virtproxyd_differences": {
      "listen_tls": {
        "type": "bool",
        "default": 0
      }
    },
    "qemu": {
      "default_tls_x509_cert_dir": {
        "type": "string",
        "default": "/etc/pki/qemu"
      },
      "default_tls_x509_verify": {
        "type": "bool",
        "default": null
      },
      "migrate_tls_x509_cert_dir": {
        "type": "string",
        "default": null
      },
      "migrate_tls_x509_verify": {
        "type": "bool",
        "default": null
      },
      "migrate_tls_force": {
        "type": "bool",
        "default": 0
      },
      "nbd_tls": {
        "type": "bool",
        "default": 0
      },
      "migration_address": {
        "type": "string",
        "default": null
      },
      "migration_host": {
        "type": "string",
        "default": null
      },
      "migration_port_min": {
        "type": "uint",
        "default": 49152
      },
      "migration_port_max": {
        "type": "uint",
        "default": 49215
      },
      "user": {
        "type": "string",
        "default": null
      },
      "group": {
        "type": "string",
        "default": null
      },
      "default_tls_priority": {
        "type": "string",
        "default": null
      },
      "migrate_tls_priority": {
        "type": "string",
        "default": null
      },
      "vnc_listen": {
        "type": "string",
        "default": "127.0.0.1"
      },
      "vnc_tls": {
        "type": "bool",
        "default": 0
      },
      "spice_listen": {
        "type": "string",
        "default": "127.0.0.1"
      },
      "spice_tls": {
        "type": "bool",
        "default": 0
      },
      "vnc_password": {
        "type": "string",
        "default": null,
        "secret": true
      },
      "spice_password": {
        "type": "string",
        "default": null,
        "secret": true
      }
    }
  },
  "nova_releases": [
    {
      "major": 18,
      "min_libvirt": [
        1,
        3,
        1
      ],
      "min_qemu": [
        2,
        5,
        0
      ],
      "native_tls": "absent"
    },
    {
      "major": 19,
      "min_libvirt": [
        3,
        0,
        0
      ],
      "min_qemu": [
        2,
        8,
        0
      ],
      "native_tls": {
        "libvirt": [
          4,
          4,
          0
        ],
        "qemu": [
          2,
          11,
          0
        ]
      }
    },
    {
      "major": 20,
      "min_libvirt": [
        3,
        0,
        0
      ],
      "min_qemu": [
        2,
        8,
        0
      ],
      "native_tls": {
        "libvirt": [
          4,
          4,
          0
        ],
        "qemu": [
          2,
          11,
          0
        ]
      }
    },
    {
      "major": 21,
      "min_libvirt": [
        4,
        0,
        0
      ],
      "min_qemu": [
        2,
        11,
        0
      ],
      "native_tls": {
        "libvirt": [
          4,
          4,
          0
        ],
        "qemu": [
          2,
          11,
          0
        ]
      }
    },
    {
      "major": 22,
      "min_libvirt": [
        5,
        0,
        0
      ],
      "min_qemu": [
        4,
        0,
        0
      ],
      "native_tls": {
        "libvirt": [
          4,
          4,
          0
        ],
        "qemu": [
          2,
          11,
          0
        ]
      }
    },
    {
      "major": 23,
      "min_libvirt": [
        6,
        0,
        0
      ],
      "min_qemu": [
        4,
        2,
        0
      ],
      "native_tls": "always"
    },
    {
      "major": 28,
      "min_libvirt": [
        7,
        0,
        0
      ],
      "min_qemu": [
        5,
        2,
        0
      ],
      "native_tls": "always"
    },
    {
      "major": 31,
      "min_libvirt": [
        8,
        0,
        0
      ],
      "min_qemu": [
        6,
        2,
        0
      ],
      "native_tls": "always"
    }
  ]
};
