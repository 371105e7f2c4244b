#pragma once

#include "loadtest/loadtestprofile.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace umg {

/// Named load-test profiles, one JSON file per profile (NAME.json, in the
/// format of profileToJson()) in one folder, so that the console and
/// `unmogrowp-node loadtest --profile` read the same files.
class LoadTestProfileLibrary
{
    Q_DECLARE_TR_FUNCTIONS(umg::LoadTestProfileLibrary)

public:
    explicit LoadTestProfileLibrary(QString folder);

    QString folder() const { return m_folder; }
    /// Returns the path of the file of profile `name`.
    QString filePath(const QString &name) const;
    /// Returns the names of the profile files, sorted.
    QStringList names() const;
    /// Reads profile `name`; nullopt with a translated `error` when it
    /// cannot be read or is invalid.
    std::optional<LoadTestProfile> load(const QString &name, QString *error) const;
    /// Writes `profile` under its name, creating the folder; false with a
    /// translated `error` when the profile is invalid or cannot be written.
    bool save(const LoadTestProfile &profile, QString *error) const;
    /// Deletes profile `name`; false with a translated `error` on failure.
    bool remove(const QString &name, QString *error) const;

private:
    QString m_folder;
};

} // namespace umg
